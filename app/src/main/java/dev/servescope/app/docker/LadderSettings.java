package dev.servescope.app.docker;

import java.time.Duration;

/**
 * How hard to measure each version.
 *
 * @param concurrency callers in the throughput phase
 * @param duration length of the latency phase and of the throughput phase
 * @param ratePerSecond request rate of the open-loop latency phase
 * @param warmupRequests requests before anything is measured
 */
public record LadderSettings(int concurrency, Duration duration, double ratePerSecond, int warmupRequests) {

  public LadderSettings {
    if (concurrency < 1 || duration.isNegative() || duration.isZero() || ratePerSecond <= 0 || warmupRequests < 0) {
      throw new IllegalArgumentException("concurrency and rate must be positive, duration above zero");
    }
  }

  public static LadderSettings defaults() {
    return new LadderSettings(4, Duration.ofSeconds(10), 20, 30);
  }
}
