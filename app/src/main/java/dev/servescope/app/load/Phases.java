package dev.servescope.app.load;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A measurement's load phases in one go, from one client: a warm-up at the throughput phase's callers (discarded),
 * open-loop latency at a fixed rate, then closed-loop throughput. (The warm-up to steady state comes before, right
 * after the first answer: see {@link Readiness.Plan}.) One client for all of them matters when the client
 * is a fresh JVM (the sidecar's agent): its own warm-up is then over before anything is measured.
 *
 * @param latency the open-loop phase
 * @param throughput the closed-loop phase
 * @param answered requests answered 200 over all phases, the discarded warm-up's too: what the service's CPU time
 *     over the phases was spent on
 */
public record Phases(LoadGenerator.OpenLoopResult latency, LoadGenerator.ClosedLoopResult throughput,
    long answered) {
  public static final String WARMUP = "warmup";
  public static final String LATENCY = "latency";
  public static final String THROUGHPUT = "throughput";

  /**
   * What to send.
   *
   * @param warmup the discarded warm-up at {@code callers}; zero for none
   * @param callers the throughput phase's callers
   * @param ratePerSecond the open-loop phases' rate
   * @param duration the latency phase's length and the throughput phase's
   */
  public record Plan(Duration warmup, int callers, double ratePerSecond, Duration duration) {

    /** The longest the phases can take, stragglers aside. */
    public Duration length() {
      return warmup.plus(duration).plus(duration);
    }
  }

  /** Runs the phases, naming each to {@code phase} as it begins. */
  public static Phases run(LoadGenerator load, Plan plan, BooleanSupplier cancelled, Consumer<String> phase)
      throws InterruptedException {
    long answered = 0;
    if (!plan.warmup().isZero()) {
      phase.accept(WARMUP);
      answered += load.closedLoop(plan.callers(), plan.warmup(), cancelled).latency().count();
    }
    phase.accept(LATENCY);
    LoadGenerator.OpenLoopResult open = load.openLoop(plan.ratePerSecond(), plan.duration(), cancelled);
    phase.accept(THROUGHPUT);
    LoadGenerator.ClosedLoopResult closed = load.closedLoop(plan.callers(), plan.duration(), cancelled);
    answered += open.sent() - open.errors() + closed.latency().count();
    return new Phases(open, closed, answered);
  }
}
