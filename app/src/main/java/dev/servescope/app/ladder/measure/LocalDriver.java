package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.load.HttpConnection;
import dev.servescope.app.load.LoadGenerator;
import dev.servescope.app.load.Phases;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Load from this process, through the port the container publishes on 127.0.0.1. */
final class LocalDriver implements ServiceDriver {
  private final LoadGenerator load;
  private final Cancellation cancel;

  LocalDriver(LoadGenerator load, Cancellation cancel) {
    this.load = load;
    this.cancel = cancel;
  }

  @Override
  public Phases measure(Phases.Plan plan, Consumer<String> phase) throws InterruptedException {
    return Phases.run(load, plan, cancel::isCancelled, phase);
  }

  @Override
  public LoadGenerator.ClosedLoopResult closedLoop(int callers, Duration duration, Duration warmup)
      throws InterruptedException {
    // This process's client is warm from the phases before: the warm-up is the sidecar's need.
    return load.closedLoop(callers, duration, cancel::isCancelled);
  }

  @Override
  public List<HttpConnection.Response> answers(List<String> bodies) {
    return load.answers(bodies, cancel::isCancelled);
  }
}
