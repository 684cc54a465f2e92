package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.Limits;
import dev.servescope.app.ladder.result.LoadSetup;
import java.time.Duration;

/**
 * How hard to measure each version.
 *
 * @param concurrency callers in the throughput phase
 * @param duration length of the latency phase and of the throughput phase
 * @param ratePerSecond request rate of the open-loop latency phase
 * @param warmup load at {@code concurrency} callers, discarded, before memory, latency and throughput are measured:
 *     a JVM server reaches its steady speed only after its hot paths are compiled, and a few dozen requests are
 *     not enough (measured here: v5 at 584 req/s in its first 8 s under load, 1,117 req/s in the next 8 s)
 * @param readyTimeout how long a container may take from its start to its first prediction
 * @param limits every rung's CPU and memory; null for {@link Limits#defaults(int)} on the engine at hand
 * @param labelled sentences with their true labels (0 negative, 1 positive) each rung answers through its API for
 *     its served accuracy; empty for none
 * @param sweep concurrency levels of the sweep, rising; empty for no sweep
 * @param sloMs the p99 objective the sweep's best throughput must keep
 * @param repeats how many times each rung is started and its cold start, latency and throughput measured, rungs
 *     taking turns; figures are the medians
 * @param placement where the load generator runs: {@link LoadSetup#SIDECAR} or {@link LoadSetup#HOST}
 * @param floor whether each round also starts the floor (an empty static server, {@code dockerfiles/floor}), so that
 *     every cold start reads as a multiple of it
 * @param replica the warm-up to steady state, the idle watch and the prices of a new replica's figures
 */
public record LadderSettings(int concurrency, Duration duration, double ratePerSecond, Duration warmup,
    Duration readyTimeout, Limits limits, java.util.List<dev.servescope.inference.train.LabeledText> labelled,
    java.util.List<Integer> sweep, double sloMs, int repeats, String placement, boolean floor,
    ReplicaSettings replica) {

  /** The repeats {@link #defaults()} use: a median and a spread need three. */
  public static final int DEFAULT_REPEATS = 3;
  public static final int MAX_REPEATS = 50;

  /** The p99 objective of a sweep unless told otherwise. */
  public static final double DEFAULT_SLO_MS = 100;

  /** The names of the labels a labelled set's 0 and 1 stand for, as the built-in heads say them. */
  public static final java.util.List<String> LABEL_NAMES = java.util.List.of("negative", "positive");

  /** The warm-up {@link #defaults()} use. */
  public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(8);
  /** The time to the first prediction {@link #defaults()} allow: v1 downloads its model and starts in about 20 s. */
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(300);

  public LadderSettings {
    if (concurrency < 1 || duration.isNegative() || duration.isZero() || ratePerSecond <= 0 || warmup.isNegative()
        || readyTimeout.isNegative() || readyTimeout.isZero() || labelled == null || sweep == null
        || sweep.stream().anyMatch(c -> c < 1) || !(sloMs > 0)) {
      throw new IllegalArgumentException("concurrency and rate must be positive, duration and ready timeout above"
          + " zero, warm-up not negative");
    }
    if (repeats < 1 || repeats > MAX_REPEATS) {
      throw new IllegalArgumentException("repeats must be 1 to " + MAX_REPEATS + ", found " + repeats);
    }
    if (!LoadSetup.SIDECAR.equals(placement) && !LoadSetup.HOST.equals(placement)) {
      throw new IllegalArgumentException("the load runs in a 'sidecar' or on the 'host', not '" + placement + "'");
    }
    if (replica == null) {
      throw new IllegalArgumentException("no replica settings: use ReplicaSettings.NONE");
    }
  }

  /** Default ready timeout and limits, one start per rung, load from a sidecar, no floor, no new-replica figures. */
  public LadderSettings(int concurrency, Duration duration, double ratePerSecond, Duration warmup) {
    this(concurrency, duration, ratePerSecond, warmup, DEFAULT_READY_TIMEOUT, null, java.util.List.of(),
        java.util.List.of(), DEFAULT_SLO_MS, 1, LoadSetup.SIDECAR, false, ReplicaSettings.NONE);
  }

  public LadderSettings withLimits(Limits newLimits) {
    return new LadderSettings(concurrency, duration, ratePerSecond, warmup, readyTimeout, newLimits, labelled, sweep,
        sloMs, repeats, placement, floor, replica);
  }

  public LadderSettings withReadyTimeout(Duration timeout) {
    return new LadderSettings(concurrency, duration, ratePerSecond, warmup, timeout, limits, labelled, sweep, sloMs,
        repeats, placement, floor, replica);
  }

  public LadderSettings withLabelled(java.util.List<dev.servescope.inference.train.LabeledText> set) {
    return new LadderSettings(concurrency, duration, ratePerSecond, warmup, readyTimeout, limits,
        java.util.List.copyOf(set), sweep, sloMs, repeats, placement, floor, replica);
  }

  /** A sweep over these concurrency levels against a p99 objective. */
  public LadderSettings withSweep(java.util.List<Integer> levels, double objectiveMs) {
    return new LadderSettings(concurrency, duration, ratePerSecond, warmup, readyTimeout, limits, labelled,
        java.util.List.copyOf(levels), objectiveMs, repeats, placement, floor, replica);
  }

  /** Each rung started {@code n} times, rungs taking turns. */
  public LadderSettings withRepeats(int n) {
    return new LadderSettings(concurrency, duration, ratePerSecond, warmup, readyTimeout, limits, labelled, sweep,
        sloMs, n, placement, floor, replica);
  }

  /** The load from {@link LoadSetup#SIDECAR} or {@link LoadSetup#HOST}. */
  public LadderSettings withPlacement(String where) {
    return new LadderSettings(concurrency, duration, ratePerSecond, warmup, readyTimeout, limits, labelled, sweep,
        sloMs, repeats, where, floor, replica);
  }

  /** With or without the floor's start in every round. */
  public LadderSettings withFloor(boolean measure) {
    return new LadderSettings(concurrency, duration, ratePerSecond, warmup, readyTimeout, limits, labelled, sweep,
        sloMs, repeats, placement, measure, replica);
  }

  /** With these new-replica settings. */
  public LadderSettings withReplica(ReplicaSettings r) {
    return new LadderSettings(concurrency, duration, ratePerSecond, warmup, readyTimeout, limits, labelled, sweep,
        sloMs, repeats, placement, floor, r);
  }

  public static LadderSettings defaults() {
    return new LadderSettings(4, Duration.ofSeconds(10), 20, DEFAULT_WARMUP).withRepeats(DEFAULT_REPEATS)
        .withFloor(true).withReplica(ReplicaSettings.DEFAULTS);
  }
}
