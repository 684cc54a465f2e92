package dev.servescope.app.ladder.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Throughput and latency at rising concurrency, and the most a rung serves while its p99 keeps a latency objective.
 *
 * @param sloMs the p99 objective, milliseconds
 * @param points one per concurrency, in the order measured
 * @param maxThroughputWithinSlo the highest throughput whose p99 kept the objective; null when none did
 */
public record Sweep(
    @JsonProperty("slo_ms") double sloMs,
    List<Point> points,
    @JsonProperty("max_throughput_within_slo") Double maxThroughputWithinSlo) {

  /**
   * One level of load.
   *
   * @param concurrency callers
   * @param throughputPerSecond successful answers per second
   * @param p50 median latency, ms
   * @param p99 99th percentile latency, ms
   */
  public record Point(int concurrency, @JsonProperty("throughput_per_s") double throughputPerSecond, double p50,
      double p99) {}

  /** The sweep of these points against an objective. */
  public static Sweep of(double sloMs, List<Point> points) {
    Double best = null;
    for (Point p : points) {
      if (p.p99() <= sloMs && (best == null || p.throughputPerSecond() > best)) {
        best = p.throughputPerSecond();
      }
    }
    return new Sweep(sloMs, List.copyOf(points), best);
  }

  /**
   * Whether to stop before the next level: the last level served no more than 5% above the best before it, and
   * already broke the objective (more callers would only queue).
   */
  public static boolean saturated(List<Point> sofar, double sloMs) {
    if (sofar.size() < 2) {
      return false;
    }
    Point last = sofar.get(sofar.size() - 1);
    double bestBefore = sofar.subList(0, sofar.size() - 1).stream().mapToDouble(Point::throughputPerSecond).max()
        .orElse(0);
    return last.throughputPerSecond() <= bestBefore * 1.05 && last.p99() > sloMs;
  }
}
