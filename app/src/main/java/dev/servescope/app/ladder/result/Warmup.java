package dev.servescope.app.ladder.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.List;

/**
 * How long a rung took, from its first answer, to serve at its steady speed (see {@code load.SteadyState}): requests at
 * a fixed rate, latencies per window, steady from the first of three windows whose medians stay within 10% of each
 * other.
 *
 * @param timeToSteadyMs from the first answer to the start of the steady windows, the median over the starts (a start
 *     that never settled counting as the slowest); null when that median start never settled
 * @param warmupRequests of that start, the answers before the steady windows that were slower than the steady
 *     windows' 99th percentile; null when it never settled
 * @param noSteadyState whether the median start never settled within {@code steadyWithinMs}
 * @param steadyWithinMs the longest the warm-up was followed
 * @param windowMs each window's length
 * @param windowP50Ms the first start's median latency per window, from the first window until the loop stopped
 * @param ratePerS the warm-up's requests per second; null for runs recorded before ServeScope kept it (the latency
 *     phase's rate then)
 */
public record Warmup(
    @JsonProperty("time_to_steady_ms") Long timeToSteadyMs,
    @JsonProperty("warmup_requests") Integer warmupRequests,
    @JsonProperty("no_steady_state") boolean noSteadyState,
    @JsonProperty("steady_within_ms") long steadyWithinMs,
    @JsonProperty("window_ms") long windowMs,
    @JsonProperty("window_p50_ms") List<Double> windowP50Ms,
    @JsonProperty("rate_per_s") Double ratePerS) {

  public Warmup {
    windowP50Ms = windowP50Ms == null ? List.of() : List.copyOf(windowP50Ms);
  }

  /**
   * One start's warm-up.
   *
   * @param timeToSteadyMs -1 when it never settled
   * @param slowRequests answers before the steady windows slower than their 99th percentile
   * @param steadyWithinMs the longest it was followed
   * @param windowMs each window's length
   * @param windowP50Ms median latency per window
   * @param ratePerS requests per second; 0 when not known
   */
  public record Start(long timeToSteadyMs, int slowRequests, long steadyWithinMs, long windowMs,
      List<Double> windowP50Ms, double ratePerS) {
    /** A start whose rate is not known. */
    public Start(long timeToSteadyMs, int slowRequests, long steadyWithinMs, long windowMs,
        List<Double> windowP50Ms) {
      this(timeToSteadyMs, slowRequests, steadyWithinMs, windowMs, windowP50Ms, 0);
    }

    boolean settled() {
      return timeToSteadyMs >= 0;
    }
  }

  /** The median of a rung's starts (at least one), the first start's windows kept for the chart. */
  public static Warmup of(List<Start> starts) {
    if (starts.isEmpty()) {
      throw new IllegalArgumentException("no starts");
    }
    List<Start> sorted = starts.stream().sorted(Comparator.comparingLong(
        (Start s) -> s.settled() ? s.timeToSteadyMs() : Long.MAX_VALUE)).toList();
    Start median = sorted.get(sorted.size() / 2);
    Start first = starts.get(0);
    long steadyWithinMs = first.steadyWithinMs();
    Double rate = first.ratePerS() > 0 ? first.ratePerS() : null;
    return median.settled()
        ? new Warmup(median.timeToSteadyMs(), median.slowRequests(), false, steadyWithinMs, first.windowMs(),
            first.windowP50Ms(), rate)
        : new Warmup(null, null, true, steadyWithinMs, first.windowMs(), first.windowP50Ms(), rate);
  }
}
