package dev.servescope.app.ladder;

import dev.servescope.app.load.HttpConnection;
import dev.servescope.app.load.LoadGenerator;
import java.time.Duration;
import java.util.List;

/** Sends a measured service its load, from wherever the run's load generator sits (see {@link LoadSetup}). */
interface ServiceDriver {

  /** Requests at a fixed rate; latency counts from when each was due. */
  LoadGenerator.OpenLoopResult openLoop(double ratePerSecond, Duration duration) throws InterruptedException;

  /** {@code callers} callers back to back. */
  LoadGenerator.ClosedLoopResult closedLoop(int callers, Duration duration) throws InterruptedException;

  /** Each body once, in order; a request that failed has status 0. */
  List<HttpConnection.Response> answers(List<String> bodies) throws InterruptedException;
}
