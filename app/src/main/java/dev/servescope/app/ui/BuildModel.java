package dev.servescope.app.ui;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.LadderListener;
import dev.servescope.app.ladder.LadderRunner;
import dev.servescope.app.ladder.LadderSettings;
import dev.servescope.app.ladder.LadderVersion;
import dev.servescope.app.ladder.ProjectLayout;
import dev.servescope.app.ladder.RunReport;
import dev.servescope.app.ladder.VersionResult;
import dev.servescope.app.store.HistoryStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
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
import javafx.concurrent.Task;

/**
 * The Build view's state and commands: the ladder, the selected version's Dockerfile and lesson, the engine's status,
 * and build / measure runs with per-version progress, a live log and a cancel that stops the work on the engine.
 * Listener calls arrive on a worker thread and are handed to the FX thread.
 */
public final class BuildModel implements AutoCloseable {
  private static final int MAX_LOG_LINES = 2000;
  private static final String WAITING = "waiting";

  private final AppServices services;
  private final Runnable onRunRecorded;
  private final ObservableList<LadderVersion> versions = FXCollections.observableArrayList(LadderVersion.ALL);
  private final ObjectProperty<LadderVersion> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper dockerfile = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper lesson = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper engineStatus = new ReadOnlyStringWrapper("Docker engine: checking...");
  private final ReadOnlyBooleanWrapper engineReachable = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final ObservableList<String> log = FXCollections.observableArrayList();
  private final Map<String, DoubleProperty> progress = new LinkedHashMap<>();
  private final Map<String, StringProperty> status = new LinkedHashMap<>();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private volatile Cancellation cancellation;
  private volatile java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(0);

  /**
   * @param onRunRecorded called on the FX thread after a run was written to the history (the Charts view reloads)
   */
  public BuildModel(AppServices services, Runnable onRunRecorded) {
    this.services = services;
    this.onRunRecorded = onRunRecorded;
    for (LadderVersion v : LadderVersion.ALL) {
      progress.put(v.id(), new SimpleDoubleProperty(0));
      status.put(v.id(), new SimpleStringProperty("not built in this session"));
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

  public ObservableList<String> log() {
    return log;
  }

  public DoubleProperty progress(LadderVersion v) {
    return progress.get(v.id());
  }

  public StringProperty status(LadderVersion v) {
    return status.get(v.id());
  }

  private void showVersion(LadderVersion v) {
    if (v == null) {
      return;
    }
    try {
      ProjectLayout layout = services.services().layout().get();
      dockerfile.set(v.dockerfile(layout));
      lesson.set(v.lesson(layout));
    } catch (IOException | RuntimeException e) {
      dockerfile.set("");
      lesson.set("Cannot read the Dockerfile: " + e.getMessage());
    }
  }

  /** Checks the engine in the background and updates the status line. */
  public void refreshEngine() {
    Task<EngineInfo> task = new Task<>() {
      @Override
      protected EngineInfo call() {
        try (ContainerEngine engine = services.services().engines().get()) {
          engine.removeLeftovers();
          return engine.info();
        }
      }
    };
    task.setOnSucceeded(e -> {
      EngineInfo info = task.getValue();
      engineReachable.set(true);
      engineStatus.set("Docker engine " + info.version() + " (API " + info.apiVersion() + ") at " + info.host());
    });
    task.setOnFailed(e -> {
      engineReachable.set(false);
      Throwable t = task.getException();
      engineStatus.set(t instanceof DockerUnavailableException ? "Docker engine not reachable: " + t.getMessage()
          : "Docker engine check failed: " + t.getMessage());
    });
    services.background().execute(task);
  }

  /** Builds the selected version's image only. */
  public void build() {
    LadderVersion v = selected.get();
    start(List.of(v), (runner, listener, cancel) -> {
      runner.buildOnly(v, listener, cancel);
      return null;
    });
  }

  /** Builds, runs and measures the selected version. */
  public void buildAndMeasure() {
    List<LadderVersion> chosen = List.of(selected.get());
    start(chosen, (runner, listener, cancel) -> runner.run(chosen, LadderSettings.defaults(), listener, cancel));
  }

  /** Builds, runs and measures v1 to v5. */
  public void runLadder() {
    start(LadderVersion.ALL, (runner, listener, cancel) -> runner.run(LadderVersion.ALL, LadderSettings.defaults(),
        listener, cancel));
  }

  /** Stops the build or run in progress; containers are removed and the run is recorded as cancelled. */
  public void cancel() {
    Cancellation c = cancellation;
    if (c != null) {
      c.cancel();
      message.set("Cancelling...");
    }
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
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    finished = done;
    busy.set(true);
    log.clear();
    for (LadderVersion v : chosen) {
      progress(v).set(0);
      status(v).set(WAITING);
    }
    LadderListener listener = new LadderListener() {
      @Override
      public void phase(LadderVersion v, String phase, double fraction) {
        Platform.runLater(() -> {
          progress(v).set(fraction);
          status(v).set(phase);
        });
      }

      @Override
      public void log(LadderVersion v, String line) {
        Platform.runLater(() -> {
          log.add(v.id() + " | " + line);
          if (log.size() > MAX_LOG_LINES) {
            log.remove(0, log.size() - MAX_LOG_LINES);
          }
        });
      }

      @Override
      public void versionFinished(LadderVersion v, VersionResult r) {
        Platform.runLater(() -> {
          progress(v).set(1);
          status(v).set(String.format("image %.0f MB, container %.0f MB, cold start %d ms, %.0f req/s",
              r.imageBytes() / 1e6, r.containerBytes() / 1e6, r.coldStartMs(), r.throughputPerSecond()));
        });
      }

      @Override
      public void versionFailed(LadderVersion v, Exception e) {
        Platform.runLater(() -> status(v).set(e instanceof java.util.concurrent.CancellationException ? "cancelled"
            : "failed: " + e.getMessage()));
      }
    };
    Task<RunReport> task = new Task<>() {
      @Override
      protected RunReport call() throws Exception {
        try {
          try (ContainerEngine engine = services.services().engines().get();
              HistoryStore store = services.services().openHistory()) {
            LadderRunner runner = services.services().ladderRunner(engine, store);
            return work.run(runner, listener, cancel);
          }
        } finally {
          done.countDown();
        }
      }
    };
    task.setOnSucceeded(e -> {
      done(chosen);
      RunReport r = task.getValue();
      if (r == null) {
        message.set("Built.");
      } else {
        message.set("Run " + r.id() + ": " + r.status() + (r.message() == null ? "" : " (" + r.message() + ")"));
        onRunRecorded.run();
      }
    });
    task.setOnFailed(e -> {
      done(chosen);
      Throwable t = task.getException();
      message.set(cancel.isCancelled() ? "Cancelled; nothing is left running." : t.getMessage());
      if (t instanceof DockerUnavailableException) {
        engineReachable.set(false);
        engineStatus.set("Docker engine not reachable: " + t.getMessage());
      }
    });
    message.set("Working...");
    services.background().execute(task);
  }

  /** The run is over: versions it never reached say so instead of "waiting". */
  private void done(List<LadderVersion> chosen) {
    busy.set(false);
    cancellation = null;
    for (LadderVersion v : chosen) {
      if (status(v).get().equals(WAITING)) {
        status(v).set("not run");
      }
    }
  }

  /**
   * Cancels whatever runs and waits (a few seconds at most) for it to remove its containers and close its run in the
   * history, so that closing the window mid-build leaves nothing running.
   */
  @Override
  public void close() {
    cancel();
    try {
      finished.await(15, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
