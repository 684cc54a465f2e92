package dev.servescope.inference.bench;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency distribution, in milliseconds.
 *
 * @param count samples
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param max largest sample
 * @param mean arithmetic mean
 */
public record LatencySummary(long count, double p50, double p90, double p99, double max, double mean) {

  /** Histograms in this package record microseconds with three significant digits. */
  public static Histogram newHistogram() {
    return new Histogram(3);
  }

  /** Records one duration given in nanoseconds. */
  public static void recordNanos(Histogram h, long nanos) {
    h.recordValue(Math.max(1, nanos / 1000));
  }

  /** Summarises a histogram of microseconds. */
  public static LatencySummary of(Histogram micros) {
    return new LatencySummary(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()),
        micros.getTotalCount() == 0 ? 0 : Math.round(micros.getMean()) / 1000.0);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
