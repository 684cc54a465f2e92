package dev.servescope.app.ladder.result;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Hardware;

/** Where ladder runs are recorded as they go: each version's result is kept once {@link #recordVersion} returns. */
public interface RunHistory extends HistoryReader {

  /** Starts a run on an engine and the hardware under it, and returns its id. */
  default String startRun(EngineInfo engine, Hardware hardware) {
    return startRun(engine, hardware, null);
  }

  /** Starts a run of a ladder ({@code setup} may be null) and returns its id. */
  String startRun(EngineInfo engine, Hardware hardware, RunSetup setup);

  /** Replaces a running run's setup, once more of it is known (where its load runs). */
  void recordSetup(String runId, RunSetup setup);

  /** Records one version's result, atomically. */
  void recordVersion(String runId, VersionResult result);

  /** Closes a run with its final status. */
  void finishRun(String runId, RunStatus status, String message);

}
