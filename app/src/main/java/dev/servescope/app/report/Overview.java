package dev.servescope.app.report;

import dev.servescope.app.format.Bytes;
import dev.servescope.app.format.Times;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.result.Dollars;
import dev.servescope.app.ladder.result.Pull;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.Spread;
import dev.servescope.app.ladder.result.VersionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run as one table: a row per rung with every figure, its spread over the repeats, the change from the rung
 * before, and for the built-in ladder the original study's V1-V4 sizes beside. The window and the HTML report show
 * the same table.
 */
public final class Overview {
  /**
   * The original study's V1-V4 (Python, BERT): image and container size after start, in bytes.
   */
  public static final long[][] STUDY_BYTES = {{3_780_000_000L, 4_220_000_000L}, {1_050_000_000L, 1_610_000_000L},
      {1_600_000_000L, 1_720_000_000L}, {1_125_000_000L, 1_125_000_000L}};

  public static final List<String> HEADERS = List.of("Rung", "Image", "Image change", "Container", "Cold start",
      "× floor", "p50", "p99", "Throughput", "Throughput change", "Served efficiency", "Agreement",
      "Served accuracy", "Memory", "Pull", "New replica", "To steady", "CPU / prediction", "$ / M predictions",
      "Study: image / container");

  /**
   * One cell.
   *
   * @param text what it shows
   * @param noisy whether its spread over the repeats is wide
   * @param detail more about it (the spread, a breakdown), or ""
   */
  public record Cell(String text, boolean noisy, String detail) {
    static Cell of(String text) {
      return new Cell(text, false, "");
    }
  }

  private Overview() {}

  /** One row per rung, in the run's order, each figure with its {@code [min-max]}. */
  public static List<List<Cell>> rows(RunReport run) {
    return rows(run, false);
  }

  /**
   * One row per rung, in the run's order.
   *
   * @param compact spreads as {@code ±N%} of the median in the cell, the {@code [min-max]} in its detail
   */
  public static List<List<Cell>> rows(RunReport run, boolean compact) {
    List<List<Cell>> rows = new ArrayList<>();
    boolean builtIn = run.setup() == null || LadderFile.BUILT_IN.equals(run.setup().ladder());
    VersionResult previous = null;
    for (VersionResult r : run.versions()) {
      List<Cell> row = new ArrayList<>();
      row.add(new Cell(r.version(), false, r.model() == null ? r.image() : r.model() + " in " + r.image()));
      row.add(Cell.of(Bytes.text(r.imageBytes())));
      row.add(Cell.of(previous == null ? "" : Figures.sizeChange(previous.imageBytes(), r.imageBytes())));
      row.add(new Cell(Bytes.text(r.containerBytes()), false, r.containerRwBytes() == 0 ? "writes nothing at start"
          : Bytes.text(r.containerRwBytes()) + " written at start"));
      FigureCells cells = new FigureCells(r, compact);
      row.add(cells.of("cold_start_ms", r.coldStartMs(), r.coldStartSpread(), "%.0f", " ms",
          r.coldStartBreakdownMs() == null ? "" : "from creation: " + Figures.breakdown(r.coldStartBreakdownMs())));
      row.add(new Cell(r.coldStartVsFloor() == null ? "" : String.format(Locale.ROOT, "\u00d7%.1f",
          r.coldStartVsFloor()), false, r.coldStartVsFloor() == null ? "" : "the cold start as a multiple of an"
          + " empty static server's, started in the same rounds"));
      row.add(cells.of("latency_ms.p50", r.latencyMs().p50(), r.latencySpread() == null ? null
          : r.latencySpread().p50(), "%.1f", " ms", "at a fixed request rate"));
      row.add(cells.of("latency_ms.p99", r.latencyMs().p99(), r.latencySpread() == null ? null
          : r.latencySpread().p99(), "%.1f", " ms", "at a fixed request rate"));
      row.add(cells.of("throughput_per_s", r.throughputPerSecond(), r.throughputSpread(), "%.0f", "/s", ""));
      row.add(Cell.of(previous == null ? "" : Figures.ratio(previous.throughputPerSecond(),
          r.throughputPerSecond())));
      row.add(r.servedEfficiency() == null ? Cell.of("") : new Cell(String.format(Locale.ROOT, "%.0f%%",
          r.servedEfficiency() * 100), false, String.format(Locale.ROOT, "served %.0f/s of the %.0f/s the same model"
          + " gives in its own process, on the same CPUs with the same callers", r.throughputPerSecond(),
          r.inProcessThroughputPerSecond())));
      row.add(Cell.of(percent(r.labelAgreement())));
      row.add(Cell.of(percent(r.servedAccuracy())));
      row.add(Cell.of(r.memoryBytes() > 0 ? Bytes.text(r.memoryBytes()) : ""));
      replicaCells(row, r, run.setup() == null ? null : run.setup().prices());
      int study = builtIn ? studyIndex(r.version()) : -1;
      row.add(Cell.of(study < 0 ? "" : Bytes.text(STUDY_BYTES[study][0]) + " / "
          + Bytes.text(STUDY_BYTES[study][1])));
      rows.add(row);
      previous = r;
    }
    return rows;
  }

  /** A new replica's cells: time to steady state, CPU per prediction, dollars per million predictions. */
  private static void replicaCells(List<Cell> row, VersionResult r, Prices prices) {
    Pull pull = r.pull();
    String bandwidth = pull == null || pull.pullMs().isEmpty() ? null : pull.pullMs().keySet().iterator().next();
    row.add(pull == null ? Cell.of("") : new Cell(bandwidth == null ? "not measured" : String.format(Locale.ROOT,
        "%.1f s @ %s", pull.pullMs().get(bandwidth) / 1000.0, bandwidth), false, ReplicaText.pull(r)));
    Long replica = bandwidth == null ? null : r.newReplicaMs().get(bandwidth);
    row.add(replica == null ? Cell.of("") : new Cell(String.format(Locale.ROOT, "%.1f s @ %s", replica / 1000.0,
        bandwidth), false, ReplicaText.newReplica(r) + ": pull, cold start and warm-up to steady state"));
    row.add(r.warmup() == null ? Cell.of("") : new Cell(ReplicaText.warmupCell(r.warmup()), false,
        ReplicaText.warmup(r.warmup()) + "; requests at " + (r.warmup().ratePerS() == null ? "the latency phase's"
        + " rate" : String.format(Locale.ROOT, "%.0f a second", r.warmup().ratePerS())) + ", latency per "
        + r.warmup().windowMs() + " ms window, steady once three windows' medians agree within 10%"));
    row.add(r.cpuMsPerPrediction() == null ? Cell.of("") : new Cell(String.format(Locale.ROOT, "%.2f ms",
        r.cpuMsPerPrediction()), false, "the service's CPU time over the load phases per answer"
        + (r.idleCpuMsPerS() == null ? "" : String.format(Locale.ROOT, "; %.1f ms per second at rest",
        r.idleCpuMsPerS()))));
    Double usd = prices == null ? null : Dollars.of(r, prices).perMillionPredictions();
    row.add(usd == null ? Cell.of("") : new Cell(ReplicaText.usd(usd), false, ReplicaText.dollars(r, prices) + "; "
        + prices.assumptions()));
  }

  /** What the run ran on and under which rules, in a sentence. */
  public static String setup(RunReport run) {
    List<String> parts = new ArrayList<>();
    if (run.hardware() != null) {
      parts.add("on " + run.hardware().summary());
    }
    if (run.setup() != null) {
      parts.add("every rung limited to " + run.setup().limits().summary());
      if (run.setup().load() != null) {
        parts.add(run.setup().load().summary());
      }
      if (run.setup().floor() != null) {
        parts.add("the floor (an empty static server) started in " + run.setup().floor().coldStartMs() + " ms");
      }
      if (run.setup().prices() != null) {
        parts.add("dollar figures " + run.setup().prices().assumptions());
      }
      int n = Math.max(1, run.setup().repeats());
      parts.add(n == 1 ? "each figure from one start" : "each figure the median of " + n
          + " starts, rungs taking turns");
    }
    return String.join("; ", parts);
  }

  /** A run's name for a title: its ladder, when it started, its status. */
  public static String title(RunReport run) {
    String ladder = run.setup() == null || LadderFile.BUILT_IN.equals(run.setup().ladder()) ? "the built-in ladder"
        : "ladder '" + run.setup().ladder() + "'";
    return "Run " + run.id() + " of " + ladder + ", " + Times.minute(run.startedAt()) + " UTC, " + run.status();
  }

  /** What to do first when nothing has been measured. */
  public static final String FIRST_STEPS = "Nothing measured yet. Predict works now, without Docker. To see what each"
      + " packaging decision costs, open Build and click 'Run all rungs' (the built-in ladder v1-v5 takes about 15"
      + " minutes with 3 repeats), or run './servescope ladder' in a terminal. Your own Dockerfiles and images go in"
      + " a ladder file: Build > Open ladder, or samples/ladders/ladder.yaml to start from.";

  /**
   * The cells of one rung's figures that have a spread.
   *
   * @param compact spreads as {@code ±N%} in the cell, the {@code [min-max]} in its detail
   */
  private record FigureCells(VersionResult r, boolean compact) {
    /**
     * @param name the figure's name in the result's noisy list
     * @param format the number's format, such as {@code %.1f}
     */
    Cell of(String name, double median, Spread spread, String format, String unit, String detail) {
      boolean noisy = r.isNoisy(name);
      String text = compact ? Figures.withRelativeSpread(median, spread, format, unit)
          : Figures.withSpread(median, spread, format, unit);
      String more = detail;
      if (compact && spread != null && spread.min() != spread.max()) {
        String range = "over the repeats: " + Figures.withSpread(median, spread, format, unit);
        more = more.isEmpty() ? range : range + "; " + more;
      }
      if (noisy) {
        more = (more.isEmpty() ? "" : more + "; ") + String.format(Locale.ROOT, "noisy: the spread is over %.0f%% of"
            + " the median", Spread.NOISY_WIDTH * 100);
      }
      return new Cell(text, noisy, more);
    }
  }

  private static String percent(Double share) {
    return share == null ? "" : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** v1 to v4 of the built-in ladder have the study's figures; 0 to 3, or -1. */
  static int studyIndex(String rung) {
    for (int i = 0; i < STUDY_BYTES.length; i++) {
      if (rung.equals("v" + (i + 1))) {
        return i;
      }
    }
    return -1;
  }

  /** The cold start phases of every rung that has them, for a stacked chart. */
  public static Map<String, Map<String, Long>> breakdowns(RunReport run) {
    Map<String, Map<String, Long>> out = new java.util.LinkedHashMap<>();
    for (VersionResult r : run.versions()) {
      if (r.coldStartBreakdownMs() != null && !r.coldStartBreakdownMs().isEmpty()) {
        out.put(r.version(), r.coldStartBreakdownMs());
      }
    }
    return out;
  }
}
