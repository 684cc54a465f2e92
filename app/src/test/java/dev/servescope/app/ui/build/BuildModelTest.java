package dev.servescope.app.ui.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.file.LadderFiles;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.app.store.HistoryStoreTest;
import dev.servescope.app.ui.TestServices;
import dev.servescope.app.ui.task.CurrentThreadTaskExecutor;
import dev.servescope.app.wiring.Services;
import dev.servescope.inference.model.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Build view's model without a window or an engine, its work run at once on the test's thread. */
class BuildModelTest {

  @Test
  void withoutAnEngineItShowsTheLessonSaysSoAndRecordsNothing(@TempDir Path dir) {
    BuildModel model = new BuildModel(TestServices.withoutEngine(dir.resolve("h.db")),
        new CurrentThreadTaskExecutor(), () -> { });
    assertThat(model.ladderNameProperty().get()).isEqualTo("servescope (built-in) · reference v1");
    model.selectedProperty().set(model.rungs().get(4));
    assertThat(model.lessonProperty().get()).startsWith("v5 quantization");
    assertThat(model.dockerfileProperty().get()).contains("FROM scratch");

    model.refreshEngine();
    assertThat(model.engineStatusProperty().get()).contains("not reachable").contains("dockerd");
    assertThat(model.engineReachableProperty().get()).isFalse();

    model.build();
    assertThat(model.busyProperty().get()).isFalse();
    assertThat(model.messageProperty().get()).contains("no Docker engine");
    assertThat(Files.exists(dir.resolve("h.db"))).as("nothing recorded without an engine").isFalse();
    assertThat(model.status("v5").get()).as("not left 'waiting'").isEqualTo("not run");

    model.clean();
    assertThat(model.messageProperty().get()).startsWith("Clean-up failed").contains("no Docker engine");
    assertThat(model.busyProperty().get()).isFalse();
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
    BuildModel model = new BuildModel(TestServices.withoutEngine(history), new CurrentThreadTaskExecutor(), () -> { });
    assertThat(model.status("v5").get()).as("read when the ladder opened").startsWith("last measured ")
        .contains("image 126 MB").contains("cold start 900 ms").contains("151 req/s").contains("agreement 100%");
    assertThat(model.status("v4").get()).contains("image 300 MB");
    assertThat(model.status("v1").get()).isEqualTo("not measured yet");
  }

  @Test
  void aMissingDockerfileIsSaidInTheLessonNotThrown(@TempDir Path dir) {
    Services nowhere = new Services(ModelCatalog.withDefaultCache(), () -> new ProjectLayout(dir), () -> null,
        dir.resolve("h.db"), List.of("x"));
    BuildModel model = new BuildModel(nowhere, new CurrentThreadTaskExecutor(), () -> { });
    assertThat(model.lessonProperty().get()).startsWith("Cannot read the Dockerfile");
    assertThat(model.dockerfileProperty().get()).isEmpty();
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
    BuildModel model = new BuildModel(TestServices.withoutEngine(dir.resolve("h.db")),
        new CurrentThreadTaskExecutor(), () -> { });
    model.openLadder(file);

    assertThat(model.ladderNameProperty().get()).isEqualTo("mine · " + file + " · reference v5");
    assertThat(model.builtInProperty().get()).isFalse();
    assertThat(model.rungs()).extracting(BuildModel::describe).containsExactly(
        "v5 · quantization · minilm-l6-int8", "prod · image acme/sentiment:1.4");
    model.selectedProperty().set(model.rungs().get(1));
    assertThat(model.lessonProperty().get()).isEqualTo("An existing image, measured as it is.");
    assertThat(model.dockerfileProperty().get()).contains("image: acme/sentiment:1.4")
        .contains("label (none: agreement not measured)");
    model.build();
    assertThat(model.messageProperty().get()).contains("existing image").contains("not built");

    RungForm form = new RungForm(model.ladderProperty().get());
    form.id.set("svc");
    form.source.set("svc/Dockerfile");
    form.port.set("nine");
    assertThat(form.problems().get()).containsExactly("probe: port must be a number from 1 to 65535");
    form.port.set("9000");
    form.labels.set("POS=positive, NEG");
    assertThat(form.problems().get()).singleElement().asString().startsWith("labels:");
    form.labels.set("POS=positive, NEG=negative");
    assertThat(form.problems().get()).isEmpty();
    model.addRung(form.draft());

    assertThat(model.rungs()).extracting(RungSpec::id).containsExactly("v5", "prod", "svc");
    assertThat(model.selectedProperty().get().id()).isEqualTo("svc");
    assertThat(model.lessonProperty().get()).isEqualTo("svc: our service, on the JVM");
    assertThat(LadderFiles.read(file).rung("svc").orElseThrow().normalizeLabel("NEG")).isEqualTo("negative");

    model.selectedProperty().set(model.rungs().get(1));
    model.removeSelected();
    assertThat(model.rungs()).extracting(RungSpec::id).containsExactly("v5", "svc");
    assertThat(Files.readString(file)).doesNotContain("acme/sentiment");

    Files.writeString(dir.resolve("broken.yaml"), "ladder: x\nrungs:\n  - id: a\n    imag: x:1\n");
    model.openLadder(dir.resolve("broken.yaml"));
    assertThat(model.messageProperty().get()).startsWith("Cannot open the ladder: " + dir.resolve("broken.yaml")
        + ":4:5: unknown key 'imag'");
    assertThat(model.rungs()).as("the open ladder stays").extracting(RungSpec::id).containsExactly("v5", "svc");

    model.openBuiltIn();
    assertThat(model.builtInProperty().get()).isTrue();
    model.removeSelected();
    assertThat(model.messageProperty().get()).contains("save it as a file of your own first");
    model.saveBuiltInAs(dir.resolve("copy.yaml"));
    assertThat(model.builtInProperty().get()).isFalse();
    assertThat(model.rungs()).hasSize(LadderVersion.ALL.size());
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
      throw new UnsupportedOperationException("the log runs no tasks");
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
