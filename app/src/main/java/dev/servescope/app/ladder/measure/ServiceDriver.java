package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.result.LoadSetup;
import dev.servescope.app.load.HttpConnection;
import dev.servescope.app.load.LoadGenerator;
import dev.servescope.app.load.Phases;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Sends a measured service its load, from wherever the run's load generator sits (see {@link LoadSetup}). */
interface ServiceDriver {

  /** The load phases from one client; {@code phase} hears each as it begins. */
  Phases measure(Phases.Plan plan, Consumer<String> phase) throws InterruptedException;

  /** {@code callers} callers back to back for {@code duration}, after {@code warmup} of the same (discarded). */
  LoadGenerator.ClosedLoopResult closedLoop(int callers, Duration duration, Duration warmup)
      throws InterruptedException;

  /** Each body once, in order; a request that failed has status 0. */
  List<HttpConnection.Response> answers(List<String> bodies) throws InterruptedException;
}
