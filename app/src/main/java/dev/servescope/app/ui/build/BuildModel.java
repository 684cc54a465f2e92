package dev.servescope.app.ui.build;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.CleanItem;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.file.DockerfileArgs;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.LadderFileEditor;
import dev.servescope.app.ladder.file.LadderFiles;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.ladder.file.RungDraft;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.host.Cleaner;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.host.WorkFolders;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.run.LadderListener;
import dev.servescope.app.ladder.run.LadderRunner;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.app.ui.task.TaskExecutor;
import dev.servescope.app.wiring.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Build view's state and commands: the open ladder file (the built-in one, or your own: opened, rungs added and
 * removed), the selected rung's Dockerfile and lesson, the engine's status, build / measure runs with per-rung
 * progress, a live log, a cancel that stops the work on the engine, and clean-up. Everything slow (files, the engine,
 * the history) runs through the task executor; listener calls from the runner's thread reach this state on the UI
 * thread.
 */
public final class BuildModel {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BuildModel.class);
  private static final String WAITING = "waiting";
  private static final String NOT_MEASURED = "not measured yet";

  private final Services services;
  private final TaskExecutor tasks;
  private final Runnable onRunRecorded;
  /** The built-in ladder before its file is read (or when it cannot be). */
  private static final LadderFile BUILT_IN = LadderFile.ofVersions(LadderVersion.ALL.stream().map(LadderVersion::id)
      .toList());
  private final ReadOnlyObjectWrapper<LadderFile> ladder = new ReadOnlyObjectWrapper<>(BUILT_IN);
  private final ReadOnlyBooleanWrapper builtIn = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyStringWrapper ladderName = new ReadOnlyStringWrapper("");
  private final ObservableList<RungSpec> rungs = FXCollections.observableArrayList(BUILT_IN.rungs());
  private final ObjectProperty<RungSpec> selected = new SimpleObjectProperty<>();
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
    selected.addListener((obs, old, r) -> showRung(r));
    show(BUILT_IN, true);
    openBuiltIn();
  }

  /** The rungs of the open ladder, in its order. */
  public ObservableList<RungSpec> rungs() {
    return rungs;
  }

  public ObjectProperty<RungSpec> selectedProperty() {
    return selected;
  }

  /** The open ladder: the built-in one unless a file was opened. */
  public ReadOnlyObjectProperty<LadderFile> ladderProperty() {
    return ladder.getReadOnlyProperty();
  }

  /** Whether the open ladder is the built-in one (edits then go to a copy of your own). */
  public ReadOnlyBooleanProperty builtInProperty() {
    return builtIn.getReadOnlyProperty();
  }

  /** The open ladder's name and file. */
  public ReadOnlyStringProperty ladderNameProperty() {
    return ladderName.getReadOnlyProperty();
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

  public DoubleProperty progress(String rungId) {
    return progress.computeIfAbsent(rungId, id -> new SimpleDoubleProperty(0));
  }

  public StringProperty status(String rungId) {
    return status.computeIfAbsent(rungId, id -> new SimpleStringProperty(NOT_MEASURED));
  }

  /** Opens the built-in ladder file ({@code dockerfiles/ladder.yaml}); without a checkout, its rungs as known. */
  public void openBuiltIn() {
    tasks.execute(BackgroundTask.<LadderFile>of(p -> LadderFiles.read(services.layout().get().ladderFile()))
        .onSuccess(file -> show(file, true))
        .onFailure(e -> LOG.debug("built-in ladder file unreadable: {}", e.getMessage())));
  }

  /** Opens a ladder file of your own; one that cannot be read leaves the open ladder as it was and says why. */
  public void openLadder(Path file) {
    if (busy.get()) {
      message.set("A build is running: open another ladder when it is done.");
      return;
    }
    tasks.execute(BackgroundTask.<LadderFile>of(p -> LadderFiles.read(file))
        .onSuccess(l -> {
          show(l, false);
          message.set("Opened " + l.source() + ": " + l.rungs().size() + " rungs.");
        })
        .onFailure(e -> message.set("Cannot open the ladder: " + e.getMessage())));
  }

  /**
   * Makes the built-in ladder a file of your own at {@code target} (rungs and budgets as they are) and opens it, so
   * that rungs can be added to it.
   */
  public void saveBuiltInAs(Path target) {
    tasks.execute(BackgroundTask.<LadderFile>of(p -> {
      String text = Files.readString(services.layout().get().ladderFile()).replaceFirst("(?m)^ladder: .*$",
          "ladder: my-ladder");
      Files.writeString(target, "# Made from ServeScope's built-in ladder; add your own rungs below.\n" + text);
      return LadderFiles.read(target);
    }).onSuccess(l -> {
      show(l, false);
      message.set("Saved the built-in ladder as " + target + ": add your rungs to it.");
    }).onFailure(e -> message.set("Cannot save the ladder: " + e.getMessage())));
  }

  /** Adds a rung to the open ladder file and selects it; a draft with problems is refused with them. */
  public void addRung(RungDraft draft) {
    editLadder(l -> LadderFileEditor.addRung(l, draft), draft.id(), "Added " + draft.id() + " to ");
  }

  /** Removes the selected rung (and its budget) from the open ladder file. */
  public void removeSelected() {
    RungSpec r = selected.get();
    if (r != null) {
      editLadder(l -> LadderFileEditor.removeRung(l, r.id()), null, "Removed " + r.id() + " from ");
    }
  }

  private void editLadder(java.util.function.UnaryOperator<LadderFile> edit, String select, String said) {
    if (busy.get() || builtIn.get()) {
      message.set(busy.get() ? "A build is running: edit the ladder when it is done."
          : "The built-in ladder is part of ServeScope: save it as a file of your own first.");
      return;
    }
    LadderFile before = ladder.get();
    tasks.execute(BackgroundTask.<LadderFile>of(p -> edit.apply(before)).onSuccess(l -> {
      show(l, false);
      l.rungs().stream().filter(r -> r.id().equals(select)).findFirst().ifPresent(selected::set);
      message.set(said + l.source() + ".");
    }).onFailure(e -> message.set("Cannot change the ladder: " + e.getMessage())));
  }

  private void show(LadderFile l, boolean isBuiltIn) {
    String keep = selected.get() == null ? null : selected.get().id();
    ladder.set(l);
    builtIn.set(isBuiltIn);
    ladderName.set(l.name() + (isBuiltIn ? " (built-in)" : " · " + l.source()) + " · reference " + l.reference());
    rungs.setAll(l.rungs());
    selected.set(l.rungs().stream().filter(r -> r.id().equals(keep)).findFirst().orElse(l.rungs().get(0)));
    showRung(selected.get());
    showLastFigures();
  }

  /** A rung's one-line description: what it is made from. */
  public static String describe(RungSpec r) {
    return switch (r.kind()) {
      case BUILTIN -> {
        LadderVersion v = LadderVersion.byId(r.builtin());
        yield r.id() + " · " + v.title() + " · " + v.modelId();
      }
      case DOCKERFILE -> r.id() + " · Dockerfile " + r.dockerfile().getParent().getFileName() + "/"
          + r.dockerfile().getFileName();
      case IMAGE -> r.id() + " · image " + r.image();
    };
  }

  /** Reads the rung's Dockerfile and lesson off the UI thread; a newer selection wins. */
  private void showRung(RungSpec r) {
    if (r == null) {
      return;
    }
    tasks.execute(BackgroundTask.<String[]>of(p -> switch (r.kind()) {
      case BUILTIN -> {
        ProjectLayout layout = services.layout().get();
        LadderVersion v = LadderVersion.byId(r.builtin());
        yield new String[] {v.dockerfile(layout), v.lesson(layout)};
      }
      case DOCKERFILE -> {
        String text = Files.readString(r.dockerfile());
        String comment = DockerfileArgs.leadingComment(text);
        yield new String[] {text, r.lesson() != null ? r.lesson() : comment.isEmpty() ? describe(r) : comment};
      }
      case IMAGE -> new String[] {imageSummary(r), r.lesson() != null ? r.lesson()
          : "An existing image, measured as it is."};
    }).onSuccess(text -> {
      if (r.equals(selected.get())) {
        dockerfile.set(text[0]);
        lesson.set(text[1]);
      }
    }).onFailure(e -> {
      if (r.equals(selected.get())) {
        dockerfile.set("");
        lesson.set("Cannot read the Dockerfile: " + e.getMessage());
      }
    }));
  }

  /** What ServeScope knows of an existing image's rung, in place of a Dockerfile. */
  static String imageSummary(RungSpec r) {
    StringBuilder sb = new StringBuilder("# an existing image: ServeScope runs it as it is\nimage: " + r.image()
        + "\n");
    r.env().forEach((k, v) -> sb.append("env: ").append(k).append('=').append(v).append('\n'));
    Probe p = r.probe();
    sb.append("probe: port ").append(p.port()).append(", GET ").append(p.health()).append(", POST ")
        .append(p.predict()).append(' ').append(p.request()).append(", label ")
        .append(p.label() == null ? "(none: agreement not measured)" : p.label()).append('\n');
    r.labels().forEach((k, v) -> sb.append("label ").append(k).append(" means ").append(v).append('\n'));
    return sb.toString();
  }

  /**
   * Shows each version's figures from the newest run that measured it, so the ladder never says "not measured" about
   * what the history holds. Leaves the list alone while a run is going.
   */
  public void showLastFigures() {
    tasks.execute(BackgroundTask.<Map<String, String>>of(p -> {
      Map<String, String> last = new LinkedHashMap<>();
      if (!Files.exists(services.historyFile())) {
        return last; // Nothing measured yet; opening would make the file.
      }
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
        rungs.forEach(r -> status(r.id()).set(last.getOrDefault(r.id(), NOT_MEASURED)));
      }
    }));
  }

  static String figures(VersionResult r) {
    return String.format(java.util.Locale.ROOT, "image %.0f MB, container %.0f MB, cold start %d ms, %.0f req/s%s%s%s",
        r.imageBytes() / 1e6, r.containerBytes() / 1e6, r.coldStartMs(), r.throughputPerSecond(),
        r.labelAgreement() == null ? "" : String.format(java.util.Locale.ROOT, ", agreement %.0f%%",
            r.labelAgreement() * 100),
        r.repeats() > 1 ? " (medians of " + r.repeats() + ")" : "",
        r.noisy().isEmpty() ? "" : "; noisy: " + String.join(", ", r.noisy()));
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

  /** Builds the selected rung's image only (an existing image has nothing to build). */
  public void build() {
    RungSpec r = selected.get();
    if (r.kind() == RungSpec.Kind.IMAGE) {
      message.set(r.id() + " is an existing image: it is measured, not built.");
      return;
    }
    start(List.of(r), (runner, listener, cancel) -> {
      runner.buildOnly(r, listener, cancel);
      return null;
    });
  }

  /** Builds, runs and measures the selected rung, its agreement taken against the ladder's reference. */
  public void buildAndMeasure() {
    RungSpec r = selected.get();
    LadderFile l = ladder.get();
    start(List.of(r), (runner, listener, cancel) -> runner.run(l, List.of(r.id()), LadderSettings.defaults(),
        listener, cancel));
  }

  /** Builds, runs and measures every rung of the open ladder. */
  public void runLadder() {
    LadderFile l = ladder.get();
    start(l.rungs(), (runner, listener, cancel) -> runner.run(l, List.of(), LadderSettings.defaults(), listener,
        cancel));
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

  private void start(List<RungSpec> chosen, Work work) {
    if (busy.get()) {
      message.set("A build is already running.");
      return;
    }
    Cancellation cancel = new Cancellation();
    cancellation = cancel;
    busy.set(true);
    log.clear();
    for (RungSpec r : chosen) {
      progress(r.id()).set(0);
      status(r.id()).set(WAITING);
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
      for (RungSpec r : chosen) {
        if (status(r.id()).get().equals(WAITING)) {
          status(r.id()).set("not run");
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
      tasks.onUi(() -> {
        progress(rung).set(fraction);
        status(rung).set(phase);
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
        status(rung).set(figures(r));
      });
    }

    @Override
    public void rungFailed(String rung, Exception e) {
      tasks.onUi(() -> status(rung).set(e instanceof CancellationException ? "cancelled" : "failed: "
          + e.getMessage()));
    }

    @Override
    public void rungSkipped(String rung, String reason) {
      tasks.onUi(() -> status(rung).set("skipped: " + reason));
    }
  }
}
