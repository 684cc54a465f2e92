package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.result.Spread;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.result.Warmup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * How repeats are taken and summed up. Rungs take turns, round by round, so that a machine whose speed drifts
 * slows every rung alike instead of the last ones; each figure is the median of its repeats, with its spread.
 */
public final class Repeats {
  /** The figure names a noisy mark can carry. */
  static final String COLD_START = "cold_start_ms";
  static final String P50 = "latency_ms.p50";
  static final String P90 = "latency_ms.p90";
  static final String P99 = "latency_ms.p99";
  static final String THROUGHPUT = "throughput_per_s";

  private Repeats() {}

  /**
   * One measurement's place in the order.
   *
   * @param round 1 to the number of repeats
   */
  public record Turn<T>(int round, T rung) {}

  /** Every rung once per round, in their order, round after round. */
  public static <T> List<Turn<T>> roundRobin(List<T> rungs, int repeats) {
    List<Turn<T>> out = new ArrayList<>();
    for (int round = 1; round <= repeats; round++) {
      for (T rung : rungs) {
        out.add(new Turn<>(round, rung));
      }
    }
    return out;
  }

  /**
   * The medians of a rung's repeats, with their spreads and noisy marks.
   *
   * @param noisy the figures whose spread is wider than {@link Spread#NOISY_WIDTH} of their median, in the order of
   *     {@link #COLD_START}, {@link #P50}, {@link #P90}, {@link #P99}, {@link #THROUGHPUT}
   * @param warmup the median warm-up to steady state; null when not followed
   * @param cpuMsPerPrediction the median CPU time per answer of the starts that measured it; null when none did
   */
  public record Summary(long coldStartMs, Spread coldStart, Map<String, Long> breakdownMs,
      VersionResult.Percentiles latency, VersionResult.LatencySpread latencySpread, double throughput,
      Spread throughputSpread, List<String> noisy, Warmup warmup, Double cpuMsPerPrediction) {}

  /** Sums up one rung's repeats (at least one). */
  public static Summary summarize(List<VersionMeasurement.Served> repeats) {
    if (repeats.isEmpty()) {
      throw new IllegalArgumentException("no repeats");
    }
    List<String> noisy = new ArrayList<>();
    double cold = median(repeats, s -> s.coldStart().totalMs(), COLD_START, noisy);
    Spread coldSpread = spread(repeats, s -> s.coldStart().totalMs());
    double p50 = median(repeats, s -> s.latency().p50(), P50, noisy);
    double p90 = median(repeats, s -> s.latency().p90(), P90, noisy);
    double p99 = median(repeats, s -> s.latency().p99(), P99, noisy);
    double throughput = median(repeats, VersionMeasurement.Served::throughput, THROUGHPUT, noisy);
    return new Summary(Math.round(cold), coldSpread,
        ColdStart.medianPhases(repeats.stream().map(VersionMeasurement.Served::coldStart).toList()),
        new VersionResult.Percentiles(p50, p90, p99),
        new VersionResult.LatencySpread(spread(repeats, s -> s.latency().p50()),
            spread(repeats, s -> s.latency().p90()), spread(repeats, s -> s.latency().p99())),
        throughput, spread(repeats, s -> Math.round(s.throughput() * 10) / 10.0), noisy, warmup(repeats),
        cpuMsPerPrediction(repeats));
  }

  private static Warmup warmup(List<VersionMeasurement.Served> repeats) {
    List<Warmup.Start> starts = repeats.stream().map(VersionMeasurement.Served::warmup)
        .filter(java.util.Objects::nonNull).toList();
    return starts.isEmpty() ? null : Warmup.of(starts);
  }

  private static Double cpuMsPerPrediction(List<VersionMeasurement.Served> repeats) {
    List<Double> values = repeats.stream().map(s -> s.cpu().msPerPrediction()).filter(java.util.Objects::nonNull)
        .toList();
    return values.isEmpty() ? null : Math.round(Spread.median(values) * 1000) / 1000.0;
  }

  private static double median(List<VersionMeasurement.Served> repeats,
      ToDoubleFunction<VersionMeasurement.Served> figure, String name, List<String> noisy) {
    List<Double> values = repeats.stream().map(figure::applyAsDouble).toList();
    double median = Spread.median(values);
    if (Spread.of(values).noisy(median)) {
      noisy.add(name);
    }
    return median;
  }

  private static Spread spread(List<VersionMeasurement.Served> repeats,
      ToDoubleFunction<VersionMeasurement.Served> figure) {
    return Spread.of(repeats.stream().map(figure::applyAsDouble).toList());
  }
}
