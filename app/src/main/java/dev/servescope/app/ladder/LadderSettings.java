package dev.servescope.app.ladder;

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
 */
public record LadderSettings(int concurrency, Duration duration, double ratePerSecond, Duration warmup,
    Duration readyTimeout, Limits limits) {

  /** The warm-up {@link #defaults()} use. */
  public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(8);
  /** The time to the first prediction {@link #defaults()} allow: v1 downloads its model and starts in about 20 s. */
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(300);

  public LadderSettings {
    if (concurrency < 1 || duration.isNegative() || duration.isZero() || ratePerSecond <= 0 || warmup.isNegative()
        || readyTimeout.isNegative() || readyTimeout.isZero()) {
      throw new IllegalArgumentException("concurrency and rate must be positive, duration and ready timeout above"
          + " zero, warm-up not negative");
    }
  }

  /** Default ready timeout and limits. */
  public LadderSettings(int concurrency, Duration duration, double ratePerSecond, Duration warmup) {
    this(concurrency, duration, ratePerSecond, warmup, DEFAULT_READY_TIMEOUT, null);
  }

  public LadderSettings withLimits(Limits newLimits) {
    return new LadderSettings(concurrency, duration, ratePerSecond, warmup, readyTimeout, newLimits);
  }

  public LadderSettings withReadyTimeout(Duration timeout) {
    return new LadderSettings(concurrency, duration, ratePerSecond, warmup, timeout, limits);
  }

  public static LadderSettings defaults() {
    return new LadderSettings(4, Duration.ofSeconds(10), 20, DEFAULT_WARMUP);
  }
}
