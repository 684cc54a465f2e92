package dev.servescope.app.ui.build;

import dev.servescope.app.format.Times;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.CleanItem;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.host.Cleaner;
import dev.servescope.app.ladder.result.HistoryReader;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.run.LadderListener;
import dev.servescope.app.ladder.run.LadderRuns;
import dev.servescope.app.report.RungText;
import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.app.ui.task.TaskExecutor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * Work on the engine from the Build view, one job at a time: builds and ladder runs with a progress bar and status
 * line per rung and a live log, a cancel that stops the work on the engine, and clean-up. Listener calls from the
 * runner's thread reach this state on the UI thread. When idle, each rung's status is its newest recorded figures.
 */
public final class RunModel {
  static final String WAITING = "waiting";
  static final String NOT_MEASURED = "not measured yet";

  /** What a job reports when it ends, on the UI thread: the run it recorded (null for a build), or its failure. */
  interface Ended {
    void recorded(RunReport run);

    void failed(Throwable t);
  }

  private final LadderRuns runs;
  private final HistoryReader history;
  private final Cleaner cleaner;
  private final Supplier<ContainerEngine> engines;
  private final TaskExecutor tasks;
  private final Consumer<String> say;
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final BuildLog log;
  private final Map<String, DoubleProperty> progress = new LinkedHashMap<>();
  private final Map<String, StringProperty> status = new LinkedHashMap<>();
  private final List<Runnable> whenIdle = new ArrayList<>();
  /** The rungs of the job in progress that got to an end of their own: done, failed or skipped. */
  private final Set<String> settled = new HashSet<>();
  private final Ended ended;
  private Cancellation cancellation;

  RunModel(BuildModel.Needs needs, TaskExecutor tasks, Consumer<String> say, Ended ended) {
    this.runs = needs.runs();
    this.history = needs.history();
    this.cleaner = needs.cleaner();
    this.engines = needs.engines();
    this.tasks = tasks;
    this.say = say;
    this.ended = ended;
    this.log = new BuildLog(tasks);
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  boolean busy() {
    return busy.get();
  }

  /** The newest build and container log lines. */
  public ObservableList<String> log() {
    return log.lines();
  }

  public DoubleProperty progress(String rungId) {
    return progress.computeIfAbsent(rungId, id -> new SimpleDoubleProperty(0));
  }

  public StringProperty status(String rungId) {
    return status.computeIfAbsent(rungId, id -> new SimpleStringProperty(NOT_MEASURED));
  }

  /** A job on the engine: a build, a run. */
  interface Job {
    RunReport run(LadderRuns runs, LadderListener listener, Cancellation cancel) throws Exception;
  }

  /** Starts a job on {@code chosen} rungs, unless one is running. */
  void start(List<RungSpec> chosen, Job job) {
    if (busy.get()) {
      say.accept("A build is already running.");
      return;
    }
    Cancellation cancel = new Cancellation();
    cancellation = cancel;
    busy.set(true);
    log.clear();
    settled.clear();
    for (RungSpec r : chosen) {
      progress(r.id()).set(0);
      status(r.id()).set(WAITING);
    }
    say.accept("Working...");
    tasks.execute(BackgroundTask.<RunReport>of(p -> job.run(runs, new UiListener(), cancel))
        .onSuccess(r -> {
          say.accept(r == null ? "Built." : "Run " + r.id() + ": " + r.status() + (r.message() == null ? ""
              : " (" + r.message() + ")"));
          if (r != null) {
            ended.recorded(r);
          }
        }).onFailure(t -> {
          say.accept(cancel.isCancelled() ? "Cancelled; nothing is left running." : t.getMessage());
          ended.failed(t);
        }).onFinished(() -> {
          cancellation = null;
          // A rung the job never got to (stopped before its turn, or the job failed first) says so.
          chosen.stream().filter(r -> !settled.contains(r.id())).forEach(r -> status(r.id()).set("not run"));
          idle();
        }));
  }

  /**
   * Stops the build or run in progress; its containers are removed and the run is recorded as cancelled. Returns at
   * once: closing sockets and build streams happens on a worker, so a stalled engine cannot freeze the window.
   */
  public void cancel() {
    Cancellation c = cancellation;
    if (c != null) {
      say.accept("Cancelling: removing the containers...");
      tasks.execute(BackgroundTask.of(p -> {
        c.cancel();
        return null;
      }));
    }
  }

  /** Runs {@code then} on the UI thread once nothing is running (at once when idle). */
  public void whenIdle(Runnable then) {
    if (busy.get()) {
      whenIdle.add(then);
    } else {
      then.run();
    }
  }

  /** Removes what ServeScope left behind (not the base images), and says what it freed. */
  public void clean() {
    if (busy.get()) {
      say.accept("A build is running: clean up when it is done.");
      return;
    }
    busy.set(true);
    say.accept("Cleaning up...");
    tasks.execute(BackgroundTask.<List<CleanItem>>of(p -> {
      List<CleanItem> items = new ArrayList<>();
      try (ContainerEngine engine = engines.get()) {
        cleaner.clean(engine, false, false, items::add);
      }
      return items;
    }).onSuccess(items -> say.accept(CleanSummary.of(items)))
        .onFailure(t -> say.accept("Clean-up failed: " + t.getMessage()))
        .onFinished(this::idle));
  }

  /**
   * Shows each rung's figures from the newest run that measured it, so the ladder never says "not measured" about
   * what the history holds. Leaves the statuses alone while a job is going.
   */
  void showLastFigures(List<RungSpec> rungs) {
    tasks.execute(BackgroundTask.<Map<String, String>>of(p -> {
      Map<String, String> last = new LinkedHashMap<>();
      for (RunReport run : history.runs()) {
        for (VersionResult r : run.versions()) {
          last.putIfAbsent(r.version(), "last measured " + Times.minute(run.startedAt()) + ": "
              + RungText.figures(r));
        }
      }
      return last;
    }).onSuccess(last -> {
      if (!busy.get()) {
        rungs.forEach(r -> status(r.id()).set(last.getOrDefault(r.id(), NOT_MEASURED)));
      }
    }));
  }

  private void idle() {
    busy.set(false);
    List<Runnable> then = List.copyOf(whenIdle);
    whenIdle.clear();
    then.forEach(Runnable::run);
  }

  /** The runner's progress, handed to the UI thread. */
  private final class UiListener implements LadderListener {
    @Override
    public void phase(String rung, String phase, double fraction) {
      tasks.onUi(() -> {
        progress(rung).set(fraction);
        status(rung).set(phase);
        if (fraction >= 1) {
          settled.add(rung);
        }
      });
    }

    @Override
    public void log(String rung, String line) {
      log.add(rung + " | " + line);
    }

    @Override
    public void rungFinished(String rung, VersionResult r) {
      tasks.onUi(() -> {
        progress(rung).set(1);
        status(rung).set(RungText.figures(r));
        settled.add(rung);
      });
    }

    @Override
    public void rungFailed(String rung, Exception e) {
      tasks.onUi(() -> {
        status(rung).set(e instanceof CancellationException ? "cancelled" : "failed: " + e.getMessage());
        settled.add(rung);
      });
    }

    @Override
    public void rungSkipped(String rung, String reason) {
      tasks.onUi(() -> {
        status(rung).set("skipped: " + reason);
        settled.add(rung);
      });
    }
  }
}
