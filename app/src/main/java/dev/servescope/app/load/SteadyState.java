package dev.servescope.app.load;

import java.util.List;

/**
 * When a service that has just answered its first request serves at its steady speed: perf_analyzer's stability rule
 * applied to latency over time. Requests go out at a fixed rate; their latencies are kept per window of their due
 * time; the service is steady from the first of {@link #WINDOWS} consecutive windows whose medians stay within
 * {@link #TOLERANCE} of each other (the highest at most 10% above the lowest).
 */
public final class SteadyState {
  /** Consecutive windows that must agree. */
  public static final int WINDOWS = 3;
  /** How far apart their medians may be, as a share of the lowest. */
  public static final double TOLERANCE = 0.10;

  private SteadyState() {}

  /**
   * One window's answers.
   *
   * @param count requests due in the window that were answered 200
   * @param p50 their median latency in milliseconds
   * @param p99 their 99th percentile
   */
  public record Window(int count, double p50, double p99) {}

  /** The first window of the first steady run of {@link #WINDOWS}; -1 when the windows never settle. */
  public static int firstSteady(List<Window> windows) {
    for (int i = 0; i + WINDOWS <= windows.size(); i++) {
      if (steady(windows.subList(i, i + WINDOWS))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean steady(List<Window> run) {
    double low = Double.MAX_VALUE;
    double high = 0;
    for (Window w : run) {
      if (w.count() == 0) {
        return false;
      }
      low = Math.min(low, w.p50());
      high = Math.max(high, w.p50());
    }
    return high <= low * (1 + TOLERANCE);
  }
}
