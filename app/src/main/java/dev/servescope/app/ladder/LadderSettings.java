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
 */
public record LadderSettings(int concurrency, Duration duration, double ratePerSecond, Duration warmup) {

  /** The warm-up {@link #defaults()} use. */
  public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(8);

  public LadderSettings {
    if (concurrency < 1 || duration.isNegative() || duration.isZero() || ratePerSecond <= 0 || warmup.isNegative()) {
      throw new IllegalArgumentException("concurrency and rate must be positive, duration above zero, warm-up not"
          + " negative");
    }
  }

  public static LadderSettings defaults() {
    return new LadderSettings(4, Duration.ofSeconds(10), 20, DEFAULT_WARMUP);
  }
}
