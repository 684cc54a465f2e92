package dev.servescope.app.ladder;

import java.util.List;

/** Receives a ladder run's progress. Called from the runner's thread; a GUI must hop to its own. */
public interface LadderListener {

  default void runStarted(String runId, EngineInfo engine, List<LadderVersion> versions) {}

  /**
   * @param fraction how far this version is, 0 to 1
   */
  default void phase(LadderVersion version, String phase, double fraction) {}

  default void log(LadderVersion version, String line) {}

  default void versionFinished(LadderVersion version, VersionResult result) {}

  default void versionFailed(LadderVersion version, Exception error) {}
}
