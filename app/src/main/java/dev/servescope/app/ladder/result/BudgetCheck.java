package dev.servescope.app.ladder.result;

import dev.servescope.app.ladder.file.Budget;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.file.RungSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A run held against a ladder file's budgets: one rule per limit per rung, each passed or failed, in the file's rung
 * order. What {@code servescope check} prints and gates CI on.
 */
public final class BudgetCheck {

  /**
   * One limit, checked.
   *
   * @param rung the rung id
   * @param rule the budget key ({@code image_mb}, ...), or {@code measured} when the run has no result for the rung
   * @param measured the figure in the rule's unit; NaN when there is none
   * @param limit the limit in the same unit
   * @param atMost whether the figure must stay at or under the limit (else at or over)
   * @param pass whether it did
   */
  public record Rule(String rung, String rule, double measured, double limit, boolean atMost, boolean pass) {

    /** {@code PASS v5 image_mb 126.3 <= 150}. */
    public String line() {
      String figure = Double.isNaN(measured) ? "not measured" : format(measured);
      String bound = Double.isNaN(limit) ? "" : (atMost ? " <= " : " >= ") + format(limit);
      return (pass ? "PASS" : "FAIL") + " " + rung + " " + rule + " " + figure + bound;
    }

    private static String format(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
          : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
  }

  private BudgetCheck() {}

  /**
   * @param baseline the run {@code max_regression_pct} compares with; empty to check without one (those rules then
   *     fail, saying a baseline is needed)
   */
  public static List<Rule> evaluate(LadderFile file, RunReport run, Optional<RunReport> baseline) {
    List<Rule> out = new ArrayList<>();
    for (RungSpec rung : file.rungs()) {
      Budget b = file.budgetOf(rung.id());
      if (b.equals(Budget.NONE)) {
        continue;
      }
      Optional<VersionResult> r = result(run, rung.id());
      if (r.isEmpty()) {
        out.add(new Rule(rung.id(), "measured", Double.NaN, Double.NaN, true, false));
        continue;
      }
      VersionResult v = r.get();
      atMost(out, rung, "image_mb", v.imageBytes() / 1e6, b.imageMb());
      atMost(out, rung, "container_growth_mb", v.containerRwBytes() / 1e6, b.containerGrowthMb());
      atMost(out, rung, "cold_start_ms", v.coldStartMs(), b.coldStartMs());
      atMost(out, rung, "p99_ms", v.latencyMs().p99(), b.p99Ms());
      atLeast(out, rung, "min_throughput", v.throughputPerSecond(), b.minThroughput());
      ifMeasured(out, rung, "min_agreement", "not measured", v.labelAgreement(), b.minAgreement(), false);
      ifMeasured(out, rung, "max_wasted_mb", "image not inspected", v.wastedBytes() == null ? null
          : v.wastedBytes() / 1e6, b.maxWastedMb(), true);
      ifMeasured(out, rung, "min_efficiency", "image not inspected", v.efficiency(), b.minEfficiency(), false);
      ifMeasured(out, rung, "max_cold_start_vs_floor", "no floor in the run", v.coldStartVsFloor(),
          b.maxColdStartVsFloor(), true);
      ifMeasured(out, rung, "min_served_efficiency", "not measured in process", v.servedEfficiency(),
          b.minServedEfficiency(), false);
      replica(out, rung, v, b, run.setup() == null ? null : run.setup().prices());
      if (b.maxRegressionPct() != null) {
        regressions(out, rung, v, baseline.flatMap(base -> result(base, rung.id())), b.maxRegressionPct());
      }
    }
    return out;
  }

  /** The new replica's rules: warm-up, CPU and dollars. */
  private static void replica(List<Rule> out, RungSpec rung, VersionResult v, Budget b, Prices prices) {
    Warmup w = v.warmup();
    if (b.maxTimeToSteadyMs() != null && w != null && w.noSteadyState()) {
      out.add(new Rule(rung.id(), "max_time_to_steady_ms (no steady state within " + w.steadyWithinMs() + " ms)",
          Double.NaN, b.maxTimeToSteadyMs(), true, false));
    } else {
      ifMeasured(out, rung, "max_time_to_steady_ms", "warm-up not followed", w == null || w.timeToSteadyMs() == null
          ? null : w.timeToSteadyMs().doubleValue(), b.maxTimeToSteadyMs(), true);
    }
    ifMeasured(out, rung, "max_cpu_ms_per_prediction", "CPU time not measured", v.cpuMsPerPrediction(),
        b.maxCpuMsPerPrediction(), true);
    ifMeasured(out, rung, "max_usd_per_million", prices == null || prices.cpuHour() == null
        ? "no cpu_hour price stated" : "CPU time not measured",
        prices == null ? null : Dollars.of(v, prices).perMillionPredictions(), b.maxUsdPerMillion(), true);
    if (b.maxPullMs() != null) {
      b.maxPullMs().forEach((bandwidth, limit) -> {
        Long ms = v.pull() == null ? null : v.pull().pullMs().get(bandwidth);
        ifMeasured(out, rung, "max_pull_ms@" + bandwidth, v.pull() != null && v.pull().error() != null
            ? v.pull().error() : "not pulled at " + bandwidth, ms == null ? null : ms.doubleValue(), limit, true);
      });
    }
  }

  /** Each figure's change from the baseline, in percent worse; a missing baseline fails the rule. */
  private static void regressions(List<Rule> out, RungSpec rung, VersionResult v, Optional<VersionResult> base,
      double limit) {
    if (base.isEmpty()) {
      out.add(new Rule(rung.id(), "max_regression_pct (no baseline result)", Double.NaN, limit, true, false));
      return;
    }
    VersionResult b = base.get();
    String rule = "max_regression_pct:";
    atMost(out, rung, rule + "image", worsePct(v, b, VersionResult::imageBytes, true), limit);
    atMost(out, rung, rule + "cold_start", worsePct(v, b, VersionResult::coldStartMs, true), limit);
    atMost(out, rung, rule + "p99", worsePct(v, b, x -> x.latencyMs().p99(), true), limit);
    atMost(out, rung, rule + "throughput", worsePct(v, b, VersionResult::throughputPerSecond, false), limit);
  }

  /** How much worse a figure got from {@code then} to {@code now}, in percent of {@code then}; negative if better. */
  private static double worsePct(VersionResult now, VersionResult then, ToDoubleFunction<VersionResult> figure,
      boolean biggerIsWorse) {
    double before = figure.applyAsDouble(then);
    double after = figure.applyAsDouble(now);
    return before == 0 ? 0 : (biggerIsWorse ? after - before : before - after) / before * 100;
  }

  /** A rule on a figure a run may lack; a rung without it fails the rule, saying why it is missing. */
  private static void ifMeasured(List<Rule> out, RungSpec rung, String rule, String whyMissing, Double measured,
      Double limit, boolean atMost) {
    if (limit == null) {
      return;
    }
    if (measured == null) {
      out.add(new Rule(rung.id(), rule + " (" + whyMissing + ")", Double.NaN, limit, atMost, false));
    } else if (atMost) {
      atMost(out, rung, rule, measured, limit);
    } else {
      atLeast(out, rung, rule, measured, limit);
    }
  }

  private static void atMost(List<Rule> out, RungSpec rung, String rule, double measured, Double limit) {
    if (limit != null) {
      out.add(new Rule(rung.id(), rule, measured, limit, true, measured <= limit));
    }
  }

  private static void atLeast(List<Rule> out, RungSpec rung, String rule, double measured, Double limit) {
    if (limit != null) {
      out.add(new Rule(rung.id(), rule, measured, limit, false, measured >= limit));
    }
  }

  private static Optional<VersionResult> result(RunReport run, String rungId) {
    return run.versions().stream().filter(v -> v.version().equals(rungId)).findFirst();
  }
}
