package dev.servescope.app.ui.charts;

import dev.servescope.app.ladder.result.HistoryReader;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.report.ChartData;
import dev.servescope.app.report.ChartData.Metric;
import dev.servescope.app.report.Figures;
import dev.servescope.app.report.Reports;
import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.app.ui.task.TaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * the series to draw, which come from the one chart model the HTML report draws too ({@link ChartData}).
 */
public final class ChartsModel {
  private final HistoryReader history;
  private final TaskExecutor tasks;
  private final ObservableList<RunReport> runs = FXCollections.observableArrayList();
  private final ObjectProperty<RunReport> run = new SimpleObjectProperty<>();
  private final ObjectProperty<RunReport> compare = new SimpleObjectProperty<>();
  private final ObjectProperty<Metric> metric = new SimpleObjectProperty<>(Metric.SIZES);
  private final StringProperty layersOf = new SimpleStringProperty("v5");
  private final ObservableList<String> rungs = FXCollections.observableArrayList();
  private final BooleanProperty showStudy = new SimpleBooleanProperty(false);
  private final ObservableList<ChartData.Series> series = FXCollections.observableArrayList();
  private final ObservableList<ChartData.Curve> curves = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

  public ChartsModel(HistoryReader history, TaskExecutor tasks) {
    this.history = history;
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

  /** The bars to draw: empty when the metric is drawn as lines. */
  public ObservableList<ChartData.Series> series() {
    return series;
  }

  /** The lines to draw (the sweep, the warm-up): empty unless the metric is drawn as lines. */
  public ObservableList<ChartData.Curve> curves() {
    return curves;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Reloads the history in the background; keeps the shown run if it still exists, else shows the newest. */
  public void reload() {
    tasks.execute(BackgroundTask.<Loaded>of(p -> new Loaded(history.runs().stream()
        .filter(r -> !r.versions().isEmpty()).toList(), history.movedAside().orElse(null)))
        .onSuccess(loaded -> {
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
    series.setAll(ChartData.series(run.get(), compare.get(), metric.get(), layersOf.get(), showStudy.get()));
    curves.setAll(ChartData.curves(run.get(), compare.get(), metric.get()));
    if (metric.get() == Metric.SWEEP && run.get() != null && curves.isEmpty()) {
      message.set("No concurrency sweep in this run: run the ladder with --sweep 1,2,4,8.");
    } else if (metric.get() == Metric.WARMUP && run.get() != null && curves.isEmpty()) {
      message.set("No warm-up followed in this run: runs before ServeScope measured it, or --steady-within 0.");
    } else if ((metric.get() == Metric.CPU || metric.get() == Metric.NEW_REPLICA) && run.get() != null
        && series.stream().allMatch(x -> x.points().isEmpty())) {
      message.set(metric.get() == Metric.CPU ? "No CPU time per prediction in this run: runs before ServeScope"
          + " measured it." : "No new replica in this run: it needs a warm-up that settled (and a pull, for its"
          + " first part).");
    }
    String hardware = Figures.hardwareWarning(run.get(), compare.get(), "The run compared with");
    if (!hardware.isEmpty()) {
      message.set(hardware);
    }
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
