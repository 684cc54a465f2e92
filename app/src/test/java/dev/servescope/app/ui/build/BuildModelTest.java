package dev.servescope.app.ui.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.FakeEngine;
import dev.servescope.app.ladder.file.LadderFiles;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.result.LoadSetup;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.report.RungText;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.app.store.HistoryStoreTest;
import dev.servescope.app.ui.ServeScopeApp;
import dev.servescope.app.ui.TestServices;
import dev.servescope.app.ui.task.CurrentThreadTaskExecutor;
import dev.servescope.app.wiring.Services;
import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.model.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Build view's model without a window, its work run at once on the test's thread. */
class BuildModelTest {
  private static final ModelCatalog CATALOG = ModelCatalog.withDefaultCache();
  /** One quick start per rung, the load from this process: the fake engine runs no sidecar. */
  private static final LadderSettings QUICK = new LadderSettings(1, Duration.ofMillis(300), 20, Duration.ZERO)
      .withPlacement(LoadSetup.HOST);
  private static Classifier served;

  @BeforeAll
  static void openModel() {
    served = Classifier.open(CATALOG, CATALOG.require("minilm-l6-int8"), ClassifierOptions.defaults()
        .withThreads(1));
  }

  @AfterAll
  static void closeModel() {
    served.close();
  }

  private static BuildModel model(Services services, Runnable onRunRecorded) {
    BuildModel.Needs needs = ServeScopeApp.buildNeeds(services);
    return new BuildModel(new BuildModel.Needs(needs.layout(), needs.engines(), needs.runs(), needs.history(),
        needs.cleaner(), QUICK), new CurrentThreadTaskExecutor(), onRunRecorded);
  }

  private static BuildModel model(Services services) {
    return model(services, () -> { });
  }

  /** A ladder of two services of your own, each built from its Dockerfile; the fake engine serves the model. */
  private static Path ladderOfTwo(Path dir) throws Exception {
    for (String id : List.of("svc1", "svc2")) {
      Files.createDirectories(dir.resolve(id));
      Files.writeString(dir.resolve(id).resolve("Dockerfile"), "# " + id + ": a service\nFROM scratch\n");
    }
    Path file = dir.resolve("two.yaml");
    Files.writeString(file, """
        ladder: two
        reference: svc1
        rungs:
          - id: svc1
            dockerfile: svc1/Dockerfile
          - id: svc2
            dockerfile: svc2/Dockerfile
        """);
    return file;
  }

  @Test
  void aRunOfTheOpenLadderRecordsItAndShowsEachRungsFigures(@TempDir Path dir) throws Exception {
    FakeEngine engine = new FakeEngine(served);
    Path history = dir.resolve("h.db");
    AtomicInteger recorded = new AtomicInteger();
    BuildModel model = model(TestServices.with(history, () -> engine), recorded::incrementAndGet);
    model.ladder().openLadder(ladderOfTwo(dir));
    model.engine().refresh();
    assertThat(model.engine().reachableProperty().get()).isTrue();
    assertThat(model.engine().statusProperty().get()).isEqualTo("Docker fake (API 1.41) at fake://");

    model.runLadder();

    assertThat(model.runs().busyProperty().get()).isFalse();
    assertThat(model.messageProperty().get()).startsWith("Run ").endsWith(": complete");
    assertThat(recorded.get()).as("the charts and overview reload once").isEqualTo(1);
    assertThat(engine.built).containsExactly("servescope-ladder:svc1", "servescope-ladder:svc2");
    assertThat(engine.running).as("every container gone").isEmpty();
    for (String id : List.of("svc1", "svc2")) {
      assertThat(model.runs().progress(id).get()).isEqualTo(1.0);
      assertThat(model.runs().status(id).get()).startsWith("image 1 MB, container 1 MB, cold start ");
    }
    assertThat(model.runs().log()).anyMatch(l -> l.startsWith("svc1 | Step 1/2 : FROM scratch"));
    try (HistoryStore store = HistoryStore.open(history)) {
      RunReport run = store.runs().get(0);
      assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
      assertThat(run.versions()).extracting(v -> v.version()).containsExactly("svc1", "svc2");
    }
    model.showLastFigures();
    assertThat(model.runs().status("svc2").get()).as("after the run, from the history").startsWith("last measured ")
        .contains("image 1 MB");
  }

  @Test
  void buildBuildsOnlyTheSelectedRungAndRecordsNoRun(@TempDir Path dir) throws Exception {
    FakeEngine engine = new FakeEngine(served);
    BuildModel model = model(TestServices.with(dir.resolve("h.db"), () -> engine));
    model.ladder().openLadder(ladderOfTwo(dir));
    model.ladder().selectedProperty().set(model.ladder().rungs().get(1));

    model.build();

    assertThat(model.messageProperty().get()).isEqualTo("Built.");
    assertThat(engine.built).containsExactly("servescope-ladder:svc2");
    assertThat(engine.started).as("built, not run").isEmpty();
    assertThat(model.runs().progress("svc2").get()).isEqualTo(1.0);
    assertThat(model.runs().status("svc2").get()).isEqualTo("built: 1.0 MB");
    assertThat(model.runs().status("svc1").get()).as("not part of the build").isEqualTo("not measured yet");
    assertThat(model.runs().busyProperty().get()).isFalse();
  }

  @Test
  void cancelDuringARunStopsItRemovesItsContainersAndRecordsItCancelled(@TempDir Path dir) throws Exception {
    FakeEngine engine = new FakeEngine(served);
    Path history = dir.resolve("h.db");
    BuildModel model = model(TestServices.with(history, () -> engine));
    model.ladder().openLadder(ladderOfTwo(dir));
    // What a user does: click Cancel while the first service's container starts.
    model.runs().status("svc1").addListener((o, was, now) -> {
      if (now.contains("starting the container")) {
        model.runs().cancel();
      }
    });
    AtomicInteger idle = new AtomicInteger();

    model.runLadder();
    model.runs().whenIdle(idle::incrementAndGet);

    assertThat(model.runs().busyProperty().get()).isFalse();
    assertThat(idle.get()).as("idle again at once").isEqualTo(1);
    assertThat(model.messageProperty().get()).endsWith(": cancelled (stopped on request; its containers were"
        + " removed)");
    assertThat(engine.running).as("the started container removed").isEmpty();
    assertThat(engine.started).as("svc2 never started").extracting(s -> s.image())
        .containsOnly("servescope-ladder:svc1");
    assertThat(model.runs().status("svc1").get()).isEqualTo("cancelled");
    assertThat(model.runs().status("svc2").get()).as("never reached").isEqualTo("not run");
    try (HistoryStore store = HistoryStore.open(history)) {
      assertThat(store.runs().get(0).status()).isEqualTo(RunStatus.CANCELLED);
    }
  }

  @Test
  void withoutAnEngineItShowsTheLessonSaysSoAndRecordsNothing(@TempDir Path dir) {
    BuildModel model = model(TestServices.withoutEngine(dir.resolve("h.db")));
    LadderModel ladder = model.ladder();
    assertThat(ladder.ladderNameProperty().get()).isEqualTo("servescope (built-in) · reference v1");
    ladder.selectedProperty().set(ladder.rungs().get(4));
    assertThat(ladder.lessonProperty().get()).startsWith("v5 quantization");
    assertThat(ladder.dockerfileProperty().get()).contains("FROM scratch");

    model.engine().refresh();
    assertThat(model.engine().statusProperty().get()).contains("not reachable").contains("dockerd");
    assertThat(model.engine().reachableProperty().get()).isFalse();

    model.build();
    assertThat(model.runs().busyProperty().get()).isFalse();
    assertThat(model.messageProperty().get()).contains("no Docker engine");
    assertThat(Files.exists(dir.resolve("h.db"))).as("nothing recorded without an engine").isFalse();
    assertThat(model.runs().status("v5").get()).as("not left 'waiting'").isEqualTo("not run");

    model.runs().clean();
    assertThat(model.messageProperty().get()).startsWith("Clean-up failed").contains("no Docker engine");
    assertThat(model.runs().busyProperty().get()).isFalse();
  }

  @Test
  void eachVersionShowsItsFiguresFromTheNewestRunThatMeasuredIt(@TempDir Path dir) {
    Path history = dir.resolve("h.db");
    try (HistoryStore store = HistoryStore.open(history)) {
      String older = store.startRun(new EngineInfo("20.10", "1.41", "h"), null);
      store.recordVersion(older, HistoryStoreTest.result("v4", 300_000_000));
      store.recordVersion(older, HistoryStoreTest.result("v5", 130_000_000));
      store.finishRun(older, RunStatus.COMPLETE, null);
      String newer = store.startRun(new EngineInfo("20.10", "1.41", "h"), null);
      store.recordVersion(newer, HistoryStoreTest.result("v5", 126_000_000));
      store.finishRun(newer, RunStatus.COMPLETE, null);
    }
    BuildModel model = model(TestServices.withoutEngine(history));
    assertThat(model.runs().status("v5").get()).as("read when the ladder opened").startsWith("last measured ")
        .contains("image 126 MB").contains("cold start 900 ms").contains("151 req/s").contains("agreement 100%");
    assertThat(model.runs().status("v4").get()).contains("image 300 MB");
    assertThat(model.runs().status("v1").get()).isEqualTo("not measured yet");
  }

  @Test
  void aMissingDockerfileIsSaidInTheLessonNotThrown(@TempDir Path dir) {
    Services nowhere = new Services(CATALOG, () -> new ProjectLayout(dir), () -> null, dir.resolve("h.db"),
        List.of("x"), null);
    BuildModel model = model(nowhere);
    assertThat(model.ladder().lessonProperty().get()).startsWith("Cannot read the Dockerfile");
    assertThat(model.ladder().dockerfileProperty().get()).isEmpty();
  }

  @Test
  void aLadderOfYourOwnOpensItsRungsShowAndEditsGoToItsFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.yaml");
    Files.createDirectories(dir.resolve("svc"));
    Files.writeString(dir.resolve("svc/Dockerfile"), "# svc: our service, on the JVM\nFROM scratch\n");
    Files.writeString(file, """
        ladder: mine
        reference: v5
        rungs:
          - id: v5
            builtin: v5
          - id: prod
            image: acme/sentiment:1.4
            probe: {port: 9000, health: /healthz, predict: /predict, request: '{"inputs": ${text}}'}
        """);
    BuildModel model = model(TestServices.withoutEngine(dir.resolve("h.db")));
    LadderModel ladder = model.ladder();
    ladder.openLadder(file);

    assertThat(ladder.ladderNameProperty().get()).isEqualTo("mine · " + file + " · reference v5");
    assertThat(ladder.builtInProperty().get()).isFalse();
    assertThat(ladder.rungs()).extracting(RungText::describe).containsExactly(
        "v5 · quantization · minilm-l6-int8", "prod · image acme/sentiment:1.4");
    ladder.selectedProperty().set(ladder.rungs().get(1));
    assertThat(ladder.lessonProperty().get()).isEqualTo("An existing image, measured as it is.");
    assertThat(ladder.dockerfileProperty().get()).contains("image: acme/sentiment:1.4")
        .contains("label (none: agreement not measured)");
    model.build();
    assertThat(model.messageProperty().get()).contains("existing image").contains("not built");

    RungForm form = new RungForm(ladder.ladderProperty().get());
    form.id.set("svc");
    form.source.set("svc/Dockerfile");
    form.port.set("nine");
    assertThat(form.problems().get()).containsExactly("probe: port must be a number from 1 to 65535");
    form.port.set("9000");
    form.labels.set("POS=positive, NEG");
    assertThat(form.problems().get()).singleElement().asString().startsWith("labels:");
    form.labels.set("POS=positive, NEG=negative");
    assertThat(form.problems().get()).isEmpty();
    ladder.addRung(form.draft());

    assertThat(ladder.rungs()).extracting(RungSpec::id).containsExactly("v5", "prod", "svc");
    assertThat(ladder.selectedProperty().get().id()).isEqualTo("svc");
    assertThat(ladder.lessonProperty().get()).isEqualTo("svc: our service, on the JVM");
    assertThat(LadderFiles.read(file).rung("svc").orElseThrow().normalizeLabel("NEG")).isEqualTo("negative");

    // The Open Inference Protocol's preset: the model named, the probe's fields filled in from it.
    RungForm v2 = new RungForm(ladder.ladderProperty().get());
    v2.id.set("triton");
    v2.dockerfile.set(false);
    v2.source.set("acme/triton-sst2:1");
    v2.openInference.set(true);
    assertThat(v2.problems().get()).singleElement().asString().contains("model:");
    v2.model.set("sst2");
    v2.port.set("8000");
    v2.output.set("label");
    assertThat(v2.problems().get()).isEmpty();
    assertThat(v2.predict.get()).isEqualTo("/v2/models/sst2/infer");
    assertThat(v2.label.get()).isEqualTo("/outputs/[name=label]/data/0");
    ladder.addRung(v2.draft());
    assertThat(Files.readString(file)).contains("probe: {protocol: open-inference, model: 'sst2', port: 8000,"
        + " output: 'label'}");
    assertThat(LadderFiles.read(file).rung("triton").orElseThrow().probe().health())
        .isEqualTo("/v2/models/sst2/ready");

    ladder.selectedProperty().set(ladder.rungs().get(1));
    ladder.removeSelected();
    assertThat(ladder.rungs()).extracting(RungSpec::id).containsExactly("v5", "svc", "triton");
    assertThat(Files.readString(file)).doesNotContain("acme/sentiment");

    Files.writeString(dir.resolve("broken.yaml"), "ladder: x\nrungs:\n  - id: a\n    imag: x:1\n");
    ladder.openLadder(dir.resolve("broken.yaml"));
    assertThat(model.messageProperty().get()).startsWith("Cannot open the ladder: " + dir.resolve("broken.yaml")
        + ":4:5: unknown key 'imag'");
    assertThat(ladder.rungs()).as("the open ladder stays").extracting(RungSpec::id).containsExactly("v5", "svc",
        "triton");

    ladder.openBuiltIn();
    assertThat(ladder.builtInProperty().get()).isTrue();
    ladder.removeSelected();
    assertThat(model.messageProperty().get()).contains("save it as a file of your own first");
    ladder.saveBuiltInAs(dir.resolve("copy.yaml"));
    assertThat(ladder.builtInProperty().get()).isFalse();
    assertThat(ladder.rungs()).hasSize(LadderVersion.ALL.size());
    assertThat(Files.readString(dir.resolve("copy.yaml"))).contains("ladder: my-ladder").contains("reference: v1");
  }

  @Test
  void theLogKeepsTheNewestLinesAndTakesThemInBatches() {
    CountingExecutor tasks = new CountingExecutor();
    BuildLog log = new BuildLog(tasks);
    IntStream.range(0, BuildLog.MAX_LINES + 500).forEach(i -> log.add("line " + i));
    assertThat(tasks.uiUpdates).as("one update for a burst of lines").isEqualTo(1);
    tasks.runPending();
    assertThat(log.lines()).hasSize(BuildLog.MAX_LINES);
    assertThat(log.lines().get(0)).isEqualTo("line 500");
    assertThat(log.lines().get(BuildLog.MAX_LINES - 1)).isEqualTo("line " + (BuildLog.MAX_LINES + 499));
    log.add("one more");
    tasks.runPending();
    assertThat(log.lines()).hasSize(BuildLog.MAX_LINES).last().isEqualTo("one more");
  }

  /** Holds UI updates until the test runs them, as the FX thread would between pulses. */
  private static final class CountingExecutor implements dev.servescope.app.ui.task.TaskExecutor {
    int uiUpdates;
    private final java.util.List<Runnable> pending = new java.util.ArrayList<>();

    @Override
    public void onUi(Runnable update) {
      uiUpdates++;
      pending.add(update);
    }

    @Override
    public <T> void execute(dev.servescope.app.ui.task.BackgroundTask<T> task) {
      throw new IllegalStateException("the log runs no tasks");
    }

    @Override
    public void shutdown() {
    }

    void runPending() {
      java.util.List<Runnable> now = java.util.List.copyOf(pending);
      pending.clear();
      now.forEach(Runnable::run);
    }
  }
}
