package dev.servescope.app.report;

import dev.servescope.app.format.Times;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.Spread;
import dev.servescope.app.ladder.result.VersionResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The one chart model: what each chart of a run, or of two runs side by side, draws. The Charts view draws it with
 * JavaFX and the HTML report as SVG, so both show the same series from the same figures. Pure functions of the runs.
 */
public final class ChartData {

  /** What a chart shows. */
  public enum Metric {
    SIZES("Image vs container size", "MB"),
    COLD_START("Cold start", "ms"),
    LATENCY("Served latency p50 / p99", "ms"),
    THROUGHPUT("Throughput", "requests/s"),
    AGREEMENT("Agreement with the reference rung", "%"),
    SERVED_ACCURACY("Served accuracy on a labelled set", "%"),
    SWEEP("p99 latency against throughput as callers rise", "ms, requests/s"),
    WARMUP("Median latency per second after the first answer", "ms, s"),
    CPU("CPU time per prediction", "ms"),
    NEW_REPLICA("A new replica: pull, cold start, warm-up to steady state", "ms"),
    LAYERS("Layers of one rung", "MB");

    private final String title;
    private final String unit;

    Metric(String title, String unit) {
      this.title = title;
      this.unit = unit;
    }

    public String title() {
      return title;
    }

    public String unit() {
      return unit;
    }

    /** Whether its series stack, one bar per rung made of its parts. */
    public boolean stacked() {
      return this == NEW_REPLICA;
    }

    /** Whether it is drawn as lines ({@link #curves}) rather than bars. */
    public boolean lines() {
      return this == SWEEP || this == WARMUP;
    }

    @Override
    public String toString() {
      return title + " (" + unit + ")";
    }
  }

  /**
   * A named series of bars.
   *
   * @param name legend name
   * @param points a bar per rung that has the figure
   */
  public record Series(String name, List<Point> points) {}

  /**
   * One bar.
   *
   * @param category the x-axis label: the rung
   * @param value the bar's height
   * @param spread its range over the repeats, drawn as a whisker; null for none
   */
  public record Point(String category, double value, Spread spread) {
    public Point(String category, double value) {
      this(category, value, null);
    }
  }

  /**
   * One rung's sweep: a point per concurrency level.
   *
   * @param name legend name
   * @param points throughput (x) and p99 (y), each named by its callers
   */
  public record Curve(String name, List<XyPoint> points) {}

  /**
   * A point of a curve.
   *
   * @param x requests per second
   * @param y p99 in milliseconds
   * @param label what it is, such as {@code 4 callers}
   */
  public record XyPoint(double x, double y, String label) {}

  private ChartData() {}

  /**
   * The bars of a metric for a run and, when {@code compare} is given, the same for it beside. Sweeps are curves
   * ({@link #curves}), not bars.
   *
   * @param layersOf the rung whose layers {@link Metric#LAYERS} shows
   * @param study whether {@link Metric#SIZES} adds the original study's V1-V4 sizes
   */
  public static List<Series> series(RunReport run, RunReport compare, Metric metric, String layersOf,
      boolean study) {
    List<Series> out = new ArrayList<>();
    if (run == null) {
      return out;
    }
    switch (metric) {
      case SIZES -> {
        // Image and container of the run, then of the run compared with.
        for (RunReport r : compare == null ? List.of(run) : List.of(run, compare)) {
          String suffix = compare == null ? "" : " " + r.id();
          out.add(of("image" + suffix, r, v -> bar(v.imageBytes() / 1e6, null)));
          out.add(of("container" + suffix, r, v -> bar(v.containerBytes() / 1e6, null)));
        }
        if (study) {
          out.addAll(study());
        }
      }
      case COLD_START -> perRun(out, run, compare, "cold start", r -> bar(r.coldStartMs(), r.coldStartSpread()));
      case LATENCY -> {
        perRun(out, run, compare, "p50", r -> bar(r.latencyMs().p50(), r.latencySpread() == null ? null
            : r.latencySpread().p50()));
        perRun(out, run, compare, "p99", r -> bar(r.latencyMs().p99(), r.latencySpread() == null ? null
            : r.latencySpread().p99()));
      }
      case THROUGHPUT -> perRun(out, run, compare, "throughput", r -> bar(r.throughputPerSecond(),
          r.throughputSpread()));
      // A rung whose share was not measured (no label, a reference of your own) has no bar.
      case AGREEMENT -> perRun(out, run, compare, "agreement", r -> percent(r.labelAgreement()));
      case SERVED_ACCURACY -> perRun(out, run, compare, "served accuracy", r -> percent(r.servedAccuracy()));
      case SWEEP, WARMUP -> {
        // Drawn as curves, not bars.
      }
      case NEW_REPLICA -> out.addAll(stackedParts(newReplica(run)));
      case CPU -> perRun(out, run, compare, "CPU ms per prediction", r -> r.cpuMsPerPrediction() == null ? null
          : bar(r.cpuMsPerPrediction(), null));
      case LAYERS -> run.versions().stream().filter(v -> v.version().equals(layersOf)).findFirst()
          .ifPresent(v -> out.add(new Series("layers of " + v.version(), biggestLayers(v.layers(), 8))));
      default -> throw new IllegalArgumentException(String.valueOf(metric));
    }
    return out;
  }

  /** A curve per rung with a sweep, for the run and the one compared with. */
  public static List<Curve> curves(RunReport run, RunReport compare) {
    return curves(run, compare, Metric.SWEEP);
  }

  /**
   * A curve per rung that has the metric's points, for the run and the one compared with: for {@link Metric#SWEEP}
   * p99 (y) against throughput (x) per concurrency level; for {@link Metric#WARMUP} the median latency (y) of each
   * second (x, from the first answer's warm-up loop) of the first start.
   */
  public static List<Curve> curves(RunReport run, RunReport compare, Metric metric) {
    List<Curve> out = new ArrayList<>();
    if (run == null || !metric.lines()) {
      return out;
    }
    for (RunReport r : compare == null ? List.of(run) : List.of(run, compare)) {
      for (VersionResult v : r.versions()) {
        List<XyPoint> points = metric == Metric.SWEEP ? sweepPoints(v) : warmupPoints(v);
        if (!points.isEmpty()) {
          out.add(new Curve(compare == null ? v.version() : v.version() + " " + r.id(), points));
        }
      }
    }
    return out;
  }

  private static List<XyPoint> sweepPoints(VersionResult v) {
    return v.sweep() == null ? List.of() : v.sweep().points().stream().map(p -> new XyPoint(p.throughputPerSecond(),
        p.p99(), p.concurrency() + (p.concurrency() == 1 ? " caller" : " callers"))).toList();
  }

  private static List<XyPoint> warmupPoints(VersionResult v) {
    if (v.warmup() == null) {
      return List.of();
    }
    List<Double> p50s = v.warmup().windowP50Ms();
    double window = v.warmup().windowMs() / 1000.0;
    List<XyPoint> out = new ArrayList<>();
    for (int i = 0; i < p50s.size(); i++) {
      out.add(new XyPoint((i + 1) * window, p50s.get(i), "window " + (i + 1)));
    }
    return out;
  }

  /**
   * What a new replica of each rung spends before it serves at its steady speed, in milliseconds, for a stacked bar:
   * its pull at the first bandwidth measured (when it was), its cold start, then its warm-up to steady state. Rungs
   * whose warm-up was not followed, or never settled, are left out: their bar would say less than it seems to.
   */
  public static java.util.Map<String, java.util.Map<String, Long>> newReplica(RunReport run) {
    java.util.Map<String, java.util.Map<String, Long>> out = new java.util.LinkedHashMap<>();
    for (VersionResult v : run.versions()) {
      if (v.warmup() != null && v.warmup().timeToSteadyMs() != null) {
        java.util.Map<String, Long> parts = new java.util.LinkedHashMap<>();
        if (v.pull() != null && !v.pull().pullMs().isEmpty()) {
          var first = v.pull().pullMs().entrySet().iterator().next();
          parts.put("pull at " + first.getKey(), first.getValue());
        }
        parts.put("cold start", v.coldStartMs());
        parts.put("warm-up to steady", v.warmup().timeToSteadyMs());
        out.put(v.version(), parts);
      }
    }
    return out;
  }

  /** Stacked bars as series: one per part, in the order the parts first appear, a point per rung that has it. */
  static List<Series> stackedParts(java.util.Map<String, java.util.Map<String, Long>> bars) {
    java.util.Map<String, List<Point>> parts = new java.util.LinkedHashMap<>();
    bars.forEach((rung, ms) -> ms.forEach((part, value) -> parts.computeIfAbsent(part, k -> new ArrayList<>())
        .add(new Point(rung, value))));
    return parts.entrySet().stream().map(e -> new Series(e.getKey(), e.getValue())).toList();
  }

  /** The biggest layers, named by their instruction (shortened), in MB; the rest summed as "other". */
  public static List<Point> biggestLayers(List<LayerSize> layers, int count) {
    List<LayerSize> sorted = layers.stream().sorted(Comparator.comparingLong(LayerSize::bytes).reversed()).toList();
    List<Point> out = new ArrayList<>();
    long other = 0;
    for (int i = 0; i < sorted.size(); i++) {
      LayerSize l = sorted.get(i);
      if (i < count && l.bytes() > 0) {
        out.add(new Point(shorten(layerName(l), 40) + " #" + (i + 1), l.bytes() / 1e6));
      } else {
        other += l.bytes();
      }
    }
    if (other > 0) {
      out.add(new Point("other layers", other / 1e6));
    }
    return out;
  }

  /** A layer as people know it: the instruction that made it, or the imported base. */
  public static String layerName(LayerSize l) {
    return l.createdBy().isBlank() ? "base image (imported)" : l.createdBy();
  }

  /** A run as a choice shows it: its ladder (when it is not the built-in one), start, status and rungs. */
  public static String runName(RunReport r) {
    String ladder = r.setup() == null || r.setup().ladder().equals(LadderFile.BUILT_IN) ? ""
        : r.setup().ladder() + " · ";
    String time = Times.minute(r.startedAt());
    return ladder + (time.equals(r.startedAt()) ? r.id() : time) + " · " + r.status() + " · " + r.versions().size()
        + (r.versions().size() == 1 ? " rung" : " rungs");
  }

  /** One line, at most {@code max} characters. */
  public static String shorten(String s, int max) {
    String oneLine = s.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
  }

  /** The original study's V1-V4 sizes, as bars beside the rungs of the same names. */
  private static List<Series> study() {
    List<Point> image = new ArrayList<>();
    List<Point> container = new ArrayList<>();
    long[][] figures = Overview.STUDY_BYTES;
    for (int i = 0; i < figures.length; i++) {
      image.add(new Point("v" + (i + 1), figures[i][0] / 1e6));
      container.add(new Point("v" + (i + 1), figures[i][1] / 1e6));
    }
    return List.of(new Series("study image (Python)", image), new Series("study container (Python)", container));
  }

  /** A bar's value and spread; null for no bar. */
  private record Bar(double value, Spread spread) {}

  private static Bar bar(double value, Spread spread) {
    return new Bar(value, spread);
  }

  /** A share as a bar in percent; no bar where it was not measured. */
  private static Bar percent(Double share) {
    return share == null ? null : new Bar(share * 100, null);
  }

  /** A series for the run and, when comparing, one for the other run, each named by its run. */
  private static void perRun(List<Series> out, RunReport run, RunReport compare, String name,
      Function<VersionResult, Bar> figure) {
    out.add(of(compare == null ? name : name + " " + run.id(), run, figure));
    if (compare != null) {
      out.add(of(name + " " + compare.id(), compare, figure));
    }
  }

  private static Series of(String name, RunReport run, Function<VersionResult, Bar> figure) {
    List<Point> points = new ArrayList<>();
    for (VersionResult v : run.versions()) {
      Bar b = figure.apply(v);
      if (b != null) {
        points.add(new Point(v.version(), b.value(), b.spread()));
      }
    }
    return new Series(name, points);
  }
}
