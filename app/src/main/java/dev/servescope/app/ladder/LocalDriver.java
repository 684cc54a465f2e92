package dev.servescope.app.ladder;

import dev.servescope.app.load.HttpConnection;
import dev.servescope.app.load.LoadGenerator;
import java.time.Duration;
import java.util.List;

/** Load from this process, through the port the container publishes on 127.0.0.1. */
final class LocalDriver implements ServiceDriver {
  private final LoadGenerator load;
  private final Cancellation cancel;

  LocalDriver(LoadGenerator load, Cancellation cancel) {
    this.load = load;
    this.cancel = cancel;
  }

  @Override
  public LoadGenerator.OpenLoopResult openLoop(double ratePerSecond, Duration duration) throws InterruptedException {
    return load.openLoop(ratePerSecond, duration, cancel::isCancelled);
  }

  @Override
  public LoadGenerator.ClosedLoopResult closedLoop(int callers, Duration duration) throws InterruptedException {
    return load.closedLoop(callers, duration, cancel::isCancelled);
  }

  @Override
  public List<HttpConnection.Response> answers(List<String> bodies) {
    return load.answers(bodies, cancel::isCancelled);
  }
}
