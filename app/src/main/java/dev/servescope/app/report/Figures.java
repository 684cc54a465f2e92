package dev.servescope.app.report;

import dev.servescope.app.format.Bytes;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.Spread;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How figures read in text: with their spread over the repeats, as a change from the rung before, as a breakdown. */
public final class Figures {
  private Figures() {}

  /**
   * {@code 312 req/s [300-320]}: the median in {@code format}, the unit, then the spread; without the spread when
   * there is none or it has no width.
   */
  public static String withSpread(double median, Spread spread, String format, String unit) {
    String m = String.format(Locale.ROOT, format, median) + unit;
    if (spread == null || spread.min() == spread.max()) {
      return m;
    }
    return m + " [" + String.format(Locale.ROOT, format, spread.min()) + "-"
        + String.format(Locale.ROOT, format, spread.max()) + "]";
  }

  /**
   * {@code 312 req/s ±3%}: the median, the unit, then half the spread as a share of the median; for narrow tables.
   */
  public static String withRelativeSpread(double median, Spread spread, String format, String unit) {
    String m = String.format(Locale.ROOT, format, median) + unit;
    if (spread == null || spread.min() == spread.max() || median == 0) {
      return m;
    }
    return m + String.format(Locale.ROOT, " \u00b1%.0f%%", Math.max(1, 50 * spread.width(median)));
  }

  /** {@code started 41, model_loaded 612, listening 15, first_prediction 60 (ms)}. */
  public static String breakdown(Map<String, Long> phasesMs) {
    return phasesMs.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
        + " (ms)";
  }

  /** A size change: {@code −1.3 GB (−68%)}, {@code +12.0 MB (+5%)}. */
  public static String sizeChange(long before, long after) {
    long delta = after - before;
    String pct = before == 0 ? "" : String.format(Locale.ROOT, " (%s%.0f%%)", delta < 0 ? "\u2212" : "+",
        Math.abs(100.0 * delta / before));
    return (delta < 0 ? "\u2212" : "+") + Bytes.text(Math.abs(delta)) + pct;
  }

  /** A ratio of a figure where more is better: {@code ×2.3}; {@code ×0.8} when it fell. */
  public static String ratio(double before, double after) {
    if (before <= 0) {
      return "";
    }
    double r = after / before;
    return String.format(Locale.ROOT, r >= 10 ? "\u00d7%.0f" : "\u00d7%.1f", r);
  }

  /**
   * How the hardware of two runs differs ({@code cpus 2 vs 4, kernel 6.1 vs 6.8}), or "" when alike or when either
   * did not record it.
   */
  public static String hardwareDifferences(RunReport run, RunReport other) {
    if (run == null || other == null || run.hardware() == null || other.hardware() == null) {
      return "";
    }
    return String.join(", ", run.hardware().differencesFrom(other.hardware()));
  }

  /**
   * The warning a view shows when it sets two runs side by side that ran on different hardware: {@code The run
   * before this one (ID) ran on other hardware (cpus 2 vs 4): compare with care.}; "" when alike.
   *
   * @param which how the other run is named, such as {@code The run before this one}
   */
  public static String hardwareWarning(RunReport run, RunReport other, String which) {
    String differences = hardwareDifferences(run, other);
    return differences.isEmpty() ? "" : which + " (" + other.id() + ") ran on other hardware (" + differences
        + "): compare with care.";
  }

  /** A value on a bar: whole numbers from 100 up (with thousands separators), one decimal below, two under 1. */
  public static String barLabel(double value) {
    double magnitude = Math.abs(value);
    return magnitude >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
        : magnitude >= 1 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
  }
}
