package dev.servescope.app.load;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A measurement's load phases in one go, from one client: a warm-up at the throughput phase's callers (discarded),
 * open-loop latency at a fixed rate, then closed-loop throughput. One client for all three matters when the client
 * is a fresh JVM (the sidecar's agent): its own warm-up is then over before anything is measured.
 *
 * @param latency the open-loop phase
 * @param throughput the closed-loop phase
 */
public record Phases(LoadGenerator.OpenLoopResult latency, LoadGenerator.ClosedLoopResult throughput) {
  public static final String WARMUP = "warmup";
  public static final String LATENCY = "latency";
  public static final String THROUGHPUT = "throughput";

  /**
   * Runs the three phases, naming each to {@code phase} as it begins.
   *
   * @param warmup zero for none
   */
  public static Phases run(LoadGenerator load, Duration warmup, int callers, double ratePerSecond, Duration duration,
      BooleanSupplier cancelled, Consumer<String> phase) throws InterruptedException {
    if (!warmup.isZero()) {
      phase.accept(WARMUP);
      load.closedLoop(callers, warmup, cancelled);
    }
    phase.accept(LATENCY);
    LoadGenerator.OpenLoopResult open = load.openLoop(ratePerSecond, duration, cancelled);
    phase.accept(THROUGHPUT);
    return new Phases(open, load.closedLoop(callers, duration, cancelled));
  }
}
