package dev.servescope.app.ui.overview;

import dev.servescope.app.ladder.result.HistoryReader;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.report.Figures;
import dev.servescope.app.report.HtmlReport;
import dev.servescope.app.report.Overview;
import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.app.ui.task.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Overview's state: the newest run with measured rungs, as one row per rung, and what to do first when there is
 * none. Loads the history in the background.
 */
public final class OverviewModel {
  private final HistoryReader history;
  private final TaskExecutor tasks;
  private final ObservableList<List<Overview.Cell>> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper setup = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Reading the run history...");
  private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(false);
  private RunReport run;
  private RunReport previous;

  public OverviewModel(HistoryReader history, TaskExecutor tasks) {
    this.history = history;
    this.tasks = tasks;
  }

  public ObservableList<List<Overview.Cell>> rows() {
    return rows;
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty setupProperty() {
    return setup.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** True once the history is read and holds no measured run: the view shows what to do first. */
  public ReadOnlyBooleanProperty emptyProperty() {
    return empty.getReadOnlyProperty();
  }

  /** Reads the history in the background and shows its newest measured run. */
  public void reload() {
    tasks.execute(BackgroundTask.<List<RunReport>>of(p -> {
      return history.runs();
    }).onSuccess(this::show).onFailure(e -> message.set("Cannot read the run history: " + e.getMessage())));
  }

  void show(List<RunReport> runs) {
    try {
      RunReport[] picked = HtmlReport.pick(runs, null);
      run = picked[0];
      previous = picked[1];
    } catch (IllegalArgumentException e) {
      run = null;
      previous = null;
    }
    empty.set(run == null);
    rows.setAll(run == null ? List.of() : Overview.rows(run, true));
    title.set(run == null ? "" : Overview.title(run));
    setup.set(run == null ? "" : Overview.setup(run));
    message.set(run == null ? Overview.FIRST_STEPS : Figures.hardwareWarning(run, previous, "The run before this one"));
  }

  /** Writes the shown run as a self-contained HTML report, in the background. */
  public void exportReport(Path file) {
    RunReport r = run;
    RunReport before = previous;
    if (r == null) {
      message.set("No measured run to report yet.");
      return;
    }
    message.set("Writing the report...");
    tasks.execute(BackgroundTask.<Path>of(p -> Files.writeString(file, HtmlReport.render(r, before)))
        .onSuccess(f -> message.set("Report written to " + f))
        .onFailure(e -> message.set("The report could not be written: " + e.getMessage())));
  }
}
