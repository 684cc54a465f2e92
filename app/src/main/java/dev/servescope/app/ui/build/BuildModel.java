package dev.servescope.app.ui.build;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.CleanItem;
import dev.servescope.app.ladder.Cleaner;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.LadderFile;
import dev.servescope.app.ladder.LadderFiles;
import dev.servescope.app.ladder.LadderListener;
import dev.servescope.app.ladder.LadderRunner;
import dev.servescope.app.ladder.LadderSettings;
import dev.servescope.app.ladder.LadderVersion;
import dev.servescope.app.ladder.ProjectLayout;
import dev.servescope.app.ladder.RunReport;
import dev.servescope.app.ladder.VersionResult;
import dev.servescope.app.ladder.WorkFolders;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.app.ui.task.TaskExecutor;
import dev.servescope.app.wiring.Services;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Build view's state and commands: the ladder, the selected version's Dockerfile and lesson, the engine's status,
 * build / measure runs with per-version progress, a live log, a cancel that stops the work on the engine, and
 * clean-up. Everything slow (files, the engine, the history) runs through the task executor; listener calls from the
 * runner's thread reach this state on the UI thread.
 */
public final class BuildModel {
  private static final String WAITING = "waiting";
  private static final String NOT_MEASURED = "not measured yet";

  private final Services services;
  private final TaskExecutor tasks;
  private final Runnable onRunRecorded;
  private final ObservableList<LadderVersion> versions = FXCollections.observableArrayList(LadderVersion.ALL);
  private final ObjectProperty<LadderVersion> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper dockerfile = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper lesson = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper engineStatus = new ReadOnlyStringWrapper("Docker engine: checking...");
  private final ReadOnlyBooleanWrapper engineReachable = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final BuildLog log;
  private final Map<String, DoubleProperty> progress = new LinkedHashMap<>();
  private final Map<String, StringProperty> status = new LinkedHashMap<>();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final List<Runnable> whenIdle = new ArrayList<>();
  private Cancellation cancellation;

  /**
   * @param onRunRecorded called on the UI thread after a run was written to the history (the charts reload)
   */
  public BuildModel(Services services, TaskExecutor tasks, Runnable onRunRecorded) {
    this.services = services;
    this.tasks = tasks;
    this.onRunRecorded = onRunRecorded;
    this.log = new BuildLog(tasks);
    for (LadderVersion v : LadderVersion.ALL) {
      progress.put(v.id(), new SimpleDoubleProperty(0));
      status.put(v.id(), new SimpleStringProperty(NOT_MEASURED));
    }
    selected.addListener((obs, old, v) -> showVersion(v));
    selected.set(LadderVersion.ALL.get(0));
  }

  public ObservableList<LadderVersion> versions() {
    return versions;
  }

  public ObjectProperty<LadderVersion> selectedProperty() {
    return selected;
  }

  public ReadOnlyStringProperty dockerfileProperty() {
    return dockerfile.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty lessonProperty() {
    return lesson.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty engineStatusProperty() {
    return engineStatus.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty engineReachableProperty() {
    return engineReachable.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** The newest build and container log lines. */
  public ObservableList<String> log() {
    return log.lines();
  }

  public DoubleProperty progress(LadderVersion v) {
    return progress.get(v.id());
  }

  public StringProperty status(LadderVersion v) {
    return status.get(v.id());
  }

  private void onRung(String rung, java.util.function.Consumer<LadderVersion> then) {
    versions.stream().filter(v -> v.id().equals(rung)).findFirst().ifPresent(then);
  }

  /** Reads the Dockerfile and its lesson off the UI thread; a newer selection wins. */
  private void showVersion(LadderVersion v) {
    if (v == null) {
      return;
    }
    tasks.execute(BackgroundTask.<String[]>of(p -> {
      ProjectLayout layout = services.layout().get();
      return new String[] {v.dockerfile(layout), v.lesson(layout)};
    }).onSuccess(text -> {
      if (v.equals(selected.get())) {
        dockerfile.set(text[0]);
        lesson.set(text[1]);
      }
    }).onFailure(e -> {
      if (v.equals(selected.get())) {
        dockerfile.set("");
        lesson.set("Cannot read the Dockerfile: " + e.getMessage());
      }
    }));
  }

  /**
   * Shows each version's figures from the newest run that measured it, so the ladder never says "not measured" about
   * what the history holds. Leaves the list alone while a run is going.
   */
  public void showLastFigures() {
    tasks.execute(BackgroundTask.<Map<String, String>>of(p -> {
      Map<String, String> last = new LinkedHashMap<>();
      try (HistoryStore store = services.openHistory()) {
        for (RunReport run : store.runs()) {
          for (VersionResult r : run.versions()) {
            last.putIfAbsent(r.version(), "last measured " + shortTime(run.startedAt()) + ": " + figures(r));
          }
        }
      }
      return last;
    }).onSuccess(last -> {
      if (!busy.get()) {
        last.forEach((id, text) -> {
          if (status.containsKey(id)) {
            status.get(id).set(text);
          }
        });
      }
    }));
  }

  static String figures(VersionResult r) {
    return String.format("image %.0f MB, container %.0f MB, cold start %d ms, %.0f req/s", r.imageBytes() / 1e6,
        r.containerBytes() / 1e6, r.coldStartMs(), r.throughputPerSecond());
  }

  /** {@code 2026-11-28T04:30:36.1Z} as {@code 2026-11-28 04:30}. */
  static String shortTime(String iso) {
    return iso.length() >= 16 ? iso.substring(0, 10) + " " + iso.substring(11, 16) : iso;
  }

  /** Checks the engine in the background (removing leftovers of dead runs) and updates the status line. */
  public void refreshEngine() {
    tasks.execute(BackgroundTask.<EngineInfo>of(p -> {
      try (ContainerEngine engine = services.engines().get()) {
        engine.removeLeftovers();
        return engine.info();
      }
    }).onSuccess(info -> {
      engineReachable.set(true);
      engineStatus.set("Docker engine " + info.version() + " (API " + info.apiVersion() + ") at " + info.host());
    }).onFailure(this::engineFailed));
  }

  private void engineFailed(Throwable t) {
    engineReachable.set(false);
    engineStatus.set(t instanceof DockerUnavailableException ? "Docker engine not reachable: " + t.getMessage()
        : "Docker engine check failed: " + t.getMessage());
  }

  /** Builds the selected version's image only. */
  public void build() {
    LadderVersion v = selected.get();
    start(List.of(v), (runner, listener, cancel) -> {
      runner.buildOnly(v, listener, cancel);
      return null;
    });
  }

  /** Builds, runs and measures the selected version, its agreement taken against the built-in ladder's reference. */
  public void buildAndMeasure() {
    LadderVersion v = selected.get();
    start(List.of(v), (runner, listener, cancel) -> runner.run(builtInLadder(), List.of(v.id()),
        LadderSettings.defaults(), listener, cancel));
  }

  /** Builds, runs and measures v1 to v5. */
  public void runLadder() {
    start(LadderVersion.ALL, (runner, listener, cancel) -> runner.run(builtInLadder(), List.of(),
        LadderSettings.defaults(), listener, cancel));
  }

  private LadderFile builtInLadder() {
    return LadderFiles.read(services.layout().get().ladderFile());
  }

  /**
   * Stops the build or run in progress; its containers are removed and the run is recorded as cancelled. Returns at
   * once: closing sockets and build streams happens on a worker, so a stalled engine cannot freeze the window.
   */
  public void cancel() {
    Cancellation c = cancellation;
    if (c != null) {
      message.set("Cancelling: removing the containers...");
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
      message.set("A build is running: clean up when it is done.");
      return;
    }
    busy.set(true);
    message.set("Cleaning up...");
    tasks.execute(BackgroundTask.<List<CleanItem>>of(p -> {
      List<CleanItem> items = new ArrayList<>();
      try (ContainerEngine engine = services.engines().get()) {
        new Cleaner(WorkFolders.inTemp()).clean(engine, false, false, items::add);
      }
      return items;
    }).onSuccess(items -> message.set(CleanSummary.of(items)))
        .onFailure(t -> message.set("Clean-up failed: " + t.getMessage()))
        .onFinished(this::idle));
  }

  private interface Work {
    RunReport run(LadderRunner runner, LadderListener listener, Cancellation cancel) throws Exception;
  }

  private void start(List<LadderVersion> chosen, Work work) {
    if (busy.get()) {
      message.set("A build is already running.");
      return;
    }
    Cancellation cancel = new Cancellation();
    cancellation = cancel;
    busy.set(true);
    log.clear();
    for (LadderVersion v : chosen) {
      progress(v).set(0);
      status(v).set(WAITING);
    }
    LadderListener listener = new UiListener();
    message.set("Working...");
    tasks.execute(BackgroundTask.<RunReport>of(p -> {
      try (ContainerEngine engine = services.engines().get(); HistoryStore store = services.openHistory()) {
        return work.run(services.ladderRunner(engine, store), listener, cancel);
      }
    }).onSuccess(r -> {
      if (r == null) {
        message.set("Built.");
      } else {
        message.set("Run " + r.id() + ": " + r.status() + (r.message() == null ? "" : " (" + r.message() + ")"));
        onRunRecorded.run();
      }
    }).onFailure(t -> {
      message.set(cancel.isCancelled() ? "Cancelled; nothing is left running." : t.getMessage());
      if (t instanceof DockerUnavailableException) {
        engineFailed(t);
      }
    }).onFinished(() -> {
      cancellation = null;
      for (LadderVersion v : chosen) {
        if (status(v).get().equals(WAITING)) {
          status(v).set("not run");
        }
      }
      idle();
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
      tasks.onUi(() -> onRung(rung, v -> {
        progress(v).set(fraction);
        status(v).set(phase);
      }));
    }

    @Override
    public void log(String rung, String line) {
      log.add(rung + " | " + line);
    }

    @Override
    public void rungFinished(String rung, VersionResult r) {
      tasks.onUi(() -> onRung(rung, v -> {
        progress(v).set(1);
        status(v).set(figures(r));
      }));
    }

    @Override
    public void rungFailed(String rung, Exception e) {
      tasks.onUi(() -> onRung(rung, v -> status(v).set(e instanceof CancellationException ? "cancelled"
          : "failed: " + e.getMessage())));
    }
  }
}
