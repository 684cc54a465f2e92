package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.load.Readiness;

/**
 * A measured container with what drives it: started, and ready or not.
 *
 * @param server the measured container
 * @param readiness how it became ready, as its load generator saw it
 * @param driver sends it load
 * @param cleanup removes the containers and stops the driver; never throws
 */
public record Pod(String server, Readiness readiness, ServiceDriver driver, Runnable cleanup) implements AutoCloseable {
  /** The container log lines error messages quote. */
  static final int LOG_LINES = 20;

  @Override
  public void close() {
    cleanup.run();
  }

  /** Throws, with how it ended and its last log lines, when the container no longer runs. */
  static void requireRunning(ContainerEngine engine, String container) {
    if (!engine.isRunning(container)) {
      throw new IllegalStateException("the container stopped (" + engine.exitSummary(container)
          + ") before it answered; last container log lines:\n" + engine.logTail(container, LOG_LINES));
    }
  }
}
