package dev.servescope.app.ladder.run;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.result.VersionResult;
import java.util.List;

/** Receives a ladder run's progress, rung by rung. Called from the runner's thread; a GUI must hop to its own. */
public interface LadderListener {

  /**
   * @param rungs the ids of the rungs about to run, in the order they run
   */
  default void runStarted(String runId, EngineInfo engine, List<String> rungs) {}

  /**
   * @param fraction how far this rung is, 0 to 1
   */
  default void phase(String rung, String phase, double fraction) {}

  default void log(String rung, String line) {}

  default void rungFinished(String rung, VersionResult result) {}

  default void rungFailed(String rung, Exception error) {}

  /**
   * The rung cannot run on this machine and was left out without failing the run.
   *
   * @param reason what is missing and what to install
   */
  default void rungSkipped(String rung, String reason) {}
}
