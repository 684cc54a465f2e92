package dev.servescope.app.ui.charts;

import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.report.Reports;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.app.ui.task.TaskExecutor;
import dev.servescope.app.wiring.Services;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Charts view's state: runs from the history, the run shown and an optional run to compare with, the metric, and
 * the series to draw, computed by pure functions so they are tested without a window.
 */
public final class ChartsModel {

  /** What the chart shows. */
  public enum Metric {
    SIZES("Image vs container size (MB)"),
    COLD_START("Cold start (ms)"),
    LATENCY("Served latency p50 / p99 (ms)"),
    THROUGHPUT("Throughput (requests/s)"),
    AGREEMENT("Agreement with the reference rung (%)"),
    SERVED_ACCURACY("Served accuracy on a labelled set (%)"),
    SWEEP("p99 latency against throughput as callers rise (ms, requests/s)"),
    LAYERS("Layers of one rung (MB)");

    private final String title;

    Metric(String title) {
      this.title = title;
    }

    @Override
    public String toString() {
      return title;
    }
  }

  /**
   * A named series of (category, value) points.
   *
   * @param name legend name
   * @param points category label and value
   */
  public record Series(String name, List<Point> points) {}

  /**
   * One bar.
   *
   * @param category the x-axis label
   * @param value the bar's height
   */
  public record Point(String category, double value) {}

  private final Services services;
  private final TaskExecutor tasks;
  private final ObservableList<RunReport> runs = FXCollections.observableArrayList();
  private final ObjectProperty<RunReport> run = new SimpleObjectProperty<>();
  private final ObjectProperty<RunReport> compare = new SimpleObjectProperty<>();
  private final ObjectProperty<Metric> metric = new SimpleObjectProperty<>(Metric.SIZES);
  private final StringProperty layersOf = new SimpleStringProperty("v5");
  private final ObservableList<String> rungs = FXCollections.observableArrayList();
  private final BooleanProperty showStudy = new SimpleBooleanProperty(false);
  private final ObservableList<Series> series = FXCollections.observableArrayList();
  private final ObservableList<Curve> curves = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

  public ChartsModel(Services services, TaskExecutor tasks) {
    this.services = services;
    this.tasks = tasks;
    run.addListener((o, a, b) -> {
      rungs.setAll(b == null ? List.of() : b.versions().stream().map(VersionResult::version).toList());
      if (!rungs.isEmpty() && !rungs.contains(layersOf.get())) {
        layersOf.set(rungs.get(rungs.size() - 1));
      }
      refresh();
    });
    compare.addListener((o, a, b) -> refresh());
    metric.addListener((o, a, b) -> refresh());
    layersOf.addListener((o, a, b) -> refresh());
    showStudy.addListener((o, a, b) -> refresh());
  }

  public ObservableList<RunReport> runs() {
    return runs;
  }

  public ObjectProperty<RunReport> runProperty() {
    return run;
  }

  public ObjectProperty<RunReport> compareProperty() {
    return compare;
  }

  public ObjectProperty<Metric> metricProperty() {
    return metric;
  }

  public StringProperty layersOfProperty() {
    return layersOf;
  }

  /** The rungs of the shown run, in its order: what "layers of" offers. */
  public ObservableList<String> rungs() {
    return rungs;
  }

  public BooleanProperty showStudyProperty() {
    return showStudy;
  }

  public ObservableList<Series> series() {
    return series;
  }

  /** The lines of the sweep chart: empty unless the metric is {@link Metric#SWEEP}. */
  public ObservableList<Curve> curves() {
    return curves;
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

  /** A curve per rung with a sweep, for the run and the one compared with. */
  static List<Curve> curvesFor(RunReport run, RunReport compare, Metric metric) {
    List<Curve> out = new ArrayList<>();
    if (run == null || metric != Metric.SWEEP) {
      return out;
    }
    for (RunReport r : compare == null ? List.of(run) : List.of(run, compare)) {
      for (VersionResult v : r.versions()) {
        if (v.sweep() != null && !v.sweep().points().isEmpty()) {
          out.add(new Curve(compare == null ? v.version() : v.version() + " " + r.id(), v.sweep().points().stream()
              .map(p -> new XyPoint(p.throughputPerSecond(), p.p99(), p.concurrency()
                  + (p.concurrency() == 1 ? " caller" : " callers"))).toList()));
        }
      }
    }
    return out;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Reloads the history in the background; keeps the shown run if it still exists, else shows the newest. */
  public void reload() {
    tasks.execute(BackgroundTask.<Loaded>of(p -> {
      try (HistoryStore store = services.openHistory()) {
        return new Loaded(store.runs().stream().filter(r -> !r.versions().isEmpty()).toList(),
            store.movedAside().orElse(null));
      }
    }).onSuccess(loaded -> {
      String shown = run.get() == null ? null : run.get().id();
      runs.setAll(loaded.runs());
      run.set(runs.stream().filter(r -> r.id().equals(shown)).findFirst().orElse(runs.isEmpty() ? null
          : runs.get(0)));
      message.set(loaded.movedAside() != null ? "The run history was unreadable; it was moved to "
          + loaded.movedAside() + " and a new one started."
          : runs.isEmpty() ? "No measured runs yet: run the ladder in the Build view." : "");
    }).onFailure(e -> message.set("Cannot read the run history: " + e.getMessage())));
  }

  /** What a reload read: the runs, and where an unreadable history file was moved, if it was. */
  private record Loaded(List<RunReport> runs, Path movedAside) {}

  private void refresh() {
    series.setAll(seriesFor(run.get(), compare.get(), metric.get(), layersOf.get(), showStudy.get()));
    curves.setAll(curvesFor(run.get(), compare.get(), metric.get()));
    if (metric.get() == Metric.SWEEP && run.get() != null && curves.isEmpty()) {
      message.set("No concurrency sweep in this run: run the ladder with --sweep 1,2,4,8.");
    }
    String differences = hardwareDifferences(run.get(), compare.get());
    if (!differences.isEmpty()) {
      message.set("These runs ran on different hardware (" + differences + "): compare with care.");
    }
  }

  /** How the hardware of two runs differs, or "" when alike or unknown. */
  static String hardwareDifferences(RunReport run, RunReport compare) {
    if (run == null || compare == null || run.hardware() == null || compare.hardware() == null) {
      return "";
    }
    return String.join(", ", run.hardware().differencesFrom(compare.hardware()));
  }


  /** The series to draw. */
  static List<Series> seriesFor(RunReport run, RunReport compare, Metric metric, String layersOf, boolean study) {
    List<Series> out = new ArrayList<>();
    if (run == null) {
      return out;
    }
    switch (metric) {
      case SIZES -> {
        out.add(of("image " + label(run, compare), run, r -> r.imageBytes() / 1e6));
        out.add(of("container " + label(run, compare), run, r -> r.containerBytes() / 1e6));
        if (compare != null) {
          out.add(of("image " + compare.id(), compare, r -> r.imageBytes() / 1e6));
          out.add(of("container " + compare.id(), compare, r -> r.containerBytes() / 1e6));
        }
        if (study) {
          List<Point> image = new ArrayList<>();
          List<Point> container = new ArrayList<>();
          long[][] figures = dev.servescope.app.report.Overview.STUDY_BYTES;
          for (int i = 0; i < figures.length; i++) {
            image.add(new Point("v" + (i + 1), figures[i][0] / 1e6));
            container.add(new Point("v" + (i + 1), figures[i][1] / 1e6));
          }
          out.add(new Series("study image (Python)", image));
          out.add(new Series("study container (Python)", container));
        }
      }
      case COLD_START -> perRun(out, run, compare, "cold start", r -> r.coldStartMs());
      case LATENCY -> {
        perRun(out, run, compare, "p50", r -> r.latencyMs().p50());
        perRun(out, run, compare, "p99", r -> r.latencyMs().p99());
      }
      case THROUGHPUT -> perRun(out, run, compare, "throughput", VersionResult::throughputPerSecond);
      case AGREEMENT -> {
        // A rung whose agreement was not measured (no label, a reference of your own) has no bar.
        out.add(measured("agreement " + label(run, compare), run, VersionResult::labelAgreement));
        if (compare != null) {
          out.add(measured("agreement " + compare.id(), compare, VersionResult::labelAgreement));
        }
      }
      case SERVED_ACCURACY -> {
        out.add(measured("served accuracy " + label(run, compare), run, VersionResult::servedAccuracy));
        if (compare != null) {
          out.add(measured("served accuracy " + compare.id(), compare, VersionResult::servedAccuracy));
        }
      }
      case SWEEP -> {
        // Drawn as curves (curvesFor), not bars.
      }
      case LAYERS -> run.versions().stream().filter(v -> v.version().equals(layersOf)).findFirst()
          .ifPresent(v -> out.add(new Series("layers of " + v.version(), biggestLayers(v.layers(), 8))));
      default -> throw new IllegalArgumentException(String.valueOf(metric));
    }
    return out;
  }

  /** The biggest layers, named by their instruction (shortened), in MB; the rest summed as "other". */
  static List<Point> biggestLayers(List<LayerSize> layers, int count) {
    List<LayerSize> sorted = layers.stream().sorted(Comparator.comparingLong(LayerSize::bytes).reversed()).toList();
    List<Point> out = new ArrayList<>();
    long other = 0;
    for (int i = 0; i < sorted.size(); i++) {
      LayerSize l = sorted.get(i);
      if (i < count && l.bytes() > 0) {
        String name = l.createdBy().isBlank() ? "base image (imported)" : l.createdBy();
        out.add(new Point(shorten(name, 40) + " #" + (i + 1), l.bytes() / 1e6));
      } else {
        other += l.bytes();
      }
    }
    if (other > 0) {
      out.add(new Point("other layers", other / 1e6));
    }
    return out;
  }

  /** A run as a choice shows it: its ladder (when it is not the built-in one), start, status and rungs. */
  static String runName(RunReport r) {
    String ladder = r.setup() == null || r.setup().ladder().equals(dev.servescope.app.ladder.file.LadderFile.BUILT_IN)
        ? "" : r.setup().ladder() + " · ";
    String time = r.startedAt().length() >= 16 ? r.startedAt().substring(0, 10) + " " + r.startedAt().substring(11,
        16) : r.id();
    return ladder + time + " · " + r.status() + " · " + r.versions().size()
        + (r.versions().size() == 1 ? " rung" : " rungs");
  }

  /** A bar's value as its label. */
  static String barLabel(double value) {
    return dev.servescope.app.report.Figures.barLabel(value);
  }

  static String shorten(String s, int max) {
    String oneLine = s.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
  }

  private static void perRun(List<Series> out, RunReport run, RunReport compare, String name,
      ToDoubleFunction<VersionResult> f) {
    out.add(of(name + " " + label(run, compare), run, f));
    if (compare != null) {
      out.add(of(name + " " + compare.id(), compare, f));
    }
  }

  private static String label(RunReport run, RunReport compare) {
    return compare == null ? "" : run.id();
  }

  private static Series of(String name, RunReport run, ToDoubleFunction<VersionResult> f) {
    return new Series(name.strip(), run.versions().stream().map(v -> new Point(v.version(), f.applyAsDouble(v)))
        .toList());
  }

  /** A share per rung, in percent; rungs where it was not measured have no bar. */
  private static Series measured(String name, RunReport run, java.util.function.Function<VersionResult, Double> f) {
    return new Series(name.strip(), run.versions().stream().filter(v -> f.apply(v) != null)
        .map(v -> new Point(v.version(), f.apply(v) * 100)).toList());
  }

  /** Writes the shown run as CSV or JSON (by the file's extension), in the background. */
  public void exportData(Path file) {
    RunReport r = run.get();
    if (r == null) {
      message.set("No run to export.");
      return;
    }
    write(file, () -> Files.writeString(file, file.toString().endsWith(".csv") ? Reports.csv(r) : Reports.json(r)));
  }

  /** Writes a picture of the chart (taken on the UI thread by the view) as PNG, in the background. */
  public void exportImage(java.awt.image.RenderedImage image, Path file) {
    write(file, () -> {
      if (!javax.imageio.ImageIO.write(image, "png", file.toFile())) {
        throw new IOException("no PNG writer");
      }
    });
  }

  private interface Writing {
    void write() throws IOException;
  }

  private void write(Path file, Writing writing) {
    message.set("Exporting...");
    tasks.execute(BackgroundTask.<Path>of(p -> {
      writing.write();
      return file;
    }).onSuccess(f -> message.set("Exported " + f))
        .onFailure(e -> message.set("Export failed: " + e.getMessage())));
  }
}
