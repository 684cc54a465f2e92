package dev.servescope.app.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.model.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's rules against a fake engine whose containers are real prediction servers on loopback: statuses, a
 * failing version failing alone, cancel, a lost engine, and that every container it started and every scratch folder
 * it made are gone on every path.
 */
class LadderRunnerTest {
  private static final ModelCatalog CATALOG = ModelCatalog.withDefaultCache();
  private static final String MODEL = "minilm-l6-int8";
  private static final LadderSettings QUICK = new LadderSettings(1, Duration.ofMillis(300), 20, Duration.ZERO);
  private static final List<String> SAMPLES = List.of("A wonderful, warm film.", "Dull and far too long.",
      "The service was quick and friendly.");
  private static Classifier served;

  @TempDir
  Path dir;
  private Path temp;
  private ProjectLayout layout;
  private FakeEngine engine;
  private MemoryHistory history;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger hostingsStarted = new AtomicInteger();
  private final AtomicInteger hostingsClosed = new AtomicInteger();

  @BeforeAll
  static void openModel() {
    served = Classifier.open(CATALOG, CATALOG.require(MODEL), ClassifierOptions.defaults().withThreads(1));
  }

  @AfterAll
  static void closeModel() {
    served.close();
  }

  @BeforeEach
  void setUp() throws IOException {
    temp = Files.createDirectories(dir.resolve("tmp"));
    layout = new ProjectLayout(dir.resolve("project"));
    for (String id : List.of("t1", "t2", "t3")) {
      Path d = Files.createDirectories(layout.dockerfiles().resolve(id));
      Files.writeString(d.resolve("Dockerfile"), "# " + id + ": a test rung\nFROM scratch\n");
    }
    engine = new FakeEngine(served);
    history = new MemoryHistory();
  }

  @AfterEach
  void nothingLeft() throws IOException {
    assertThat(engine.running).as("containers still running").isEmpty();
    assertThat(engine.removed).as("every started container removed")
        .hasSizeGreaterThanOrEqualTo(engine.started.size() - failedStarts());
    try (var left = Files.list(temp)) {
      assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("servescope-work-")).toList())
          .as("scratch folders").isEmpty();
    }
    assertThat(hostingsClosed.get()).isEqualTo(hostingsStarted.get());
  }

  private int failedStarts() {
    return (int) engine.started.stream().filter(s -> engine.failingStarts.contains(s.image())).count();
  }

  private static LadderVersion version(String id) {
    return new LadderVersion(id, "test " + id, MODEL, false, false);
  }

  private LadderRunner runner() {
    return runner(null);
  }

  /** With {@code hostingFails}, starting the model hosting fails with that message. */
  private LadderRunner runner(String hostingFails) {
    BuildContextFactory contexts = (v, ctx) -> {
      Files.createDirectories(ctx);
      Files.copy(v.dir(layout).resolve("Dockerfile"), ctx.resolve("Dockerfile"));
      return ctx;
    };
    ModelHosting.Factory hosting = workDir -> {
      if (hostingFails != null) {
        throw new IOException(hostingFails);
      }
      hostingsStarted.incrementAndGet();
      return new ModelHosting() {
        @Override
        public String publish(String modelId) {
          return "http://host.docker.internal:1/models/" + modelId;
        }

        @Override
        public void close() {
          hostingsClosed.incrementAndGet();
        }
      };
    };
    return new LadderRunner(engine, history, layout, contexts, hosting, CATALOG, SAMPLES, new WorkFolders(temp));
  }

  private LadderListener recording(Cancellation cancel, String cancelAtPhase) {
    return new LadderListener() {
      @Override
      public void phase(LadderVersion v, String phase, double fraction) {
        if (cancelAtPhase != null && phase.startsWith(cancelAtPhase)) {
          cancel.cancel();
        }
      }

      @Override
      public void versionFinished(LadderVersion v, VersionResult r) {
        events.add(v.id() + " finished");
      }

      @Override
      public void versionFailed(LadderVersion v, Exception e) {
        events.add(v.id() + " failed: " + e.getMessage());
      }
    };
  }

  @Test
  void aCompleteRunRecordsEveryVersionWithItsFigures() {
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(List.of(version("t1"), version("t2")), QUICK, recording(cancel, null), cancel);

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
    assertThat(run.message()).isNull();
    assertThat(run.hardware()).as("what it ran on, recorded with it").isEqualTo(FakeEngine.HARDWARE);
    assertThat(run.versions()).extracting(VersionResult::version).containsExactly("t1", "t2");
    VersionResult t1 = run.versions().get(0);
    assertThat(t1.imageBytes()).isEqualTo(1_000_000);
    assertThat(t1.containerBytes()).isEqualTo(1_000_000);
    assertThat(t1.coldStartMs()).isNotNegative();
    assertThat(t1.throughputPerSecond()).isPositive();
    assertThat(t1.latencyMs().p50()).isPositive();
    assertThat(t1.labelAgreement()).as("the same model served and local").isEqualTo(1.0);
    assertThat(engine.started).hasSize(2);
    assertThat(engine.started).allSatisfy(s -> assertThat(s.labels()).containsEntry(Labels.RUN, run.id()));
    assertThat(engine.leftoverSweeps).isEqualTo(1);
    assertThat(events).containsExactly("t1 finished", "t2 finished");
  }

  @Test
  void aFailingBuildFailsItsVersionAloneAndTheRunSaysWhy() {
    engine.failingBuilds.add(version("t1").tag());
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(List.of(version("t1"), version("t2")), QUICK, recording(cancel, null), cancel);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.message()).contains("t1").contains("step 2/2 returned 1");
    assertThat(run.versions()).extracting(VersionResult::version).containsExactly("t2");
    assertThat(events).hasSize(2).first().asString().startsWith("t1 failed");
  }

  @Test
  void aContainerThatCannotStartFailsItsVersionAndTheOthersGoOn() {
    engine.failingStarts.add(version("t2").tag());
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(List.of(version("t1"), version("t2"), version("t3")), QUICK,
        recording(cancel, null), cancel);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.message()).contains("t2: cannot start");
    assertThat(run.versions()).extracting(VersionResult::version).containsExactly("t1", "t3");
  }

  @Test
  void cancellingMidMeasurementRecordsACancelledRunAndRemovesTheContainer() {
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(List.of(version("t1"), version("t2")), QUICK, recording(cancel, "latency"),
        cancel);

    assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(run.versions()).isEmpty();
    assertThat(engine.started).hasSize(1);
    assertThat(engine.removed).containsExactly("c1");
    assertThat(events).containsExactly("t1 failed: cancelled");
  }

  @Test
  void losingTheEngineEndsTheRunAsFailedAndStillRemovesTheContainer() {
    engine.loseEngineAt = "size";
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(List.of(version("t1"), version("t2")), QUICK, recording(cancel, null), cancel);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.message()).contains("lost the Docker engine");
    assertThat(run.versions()).isEmpty();
    assertThat(engine.started).as("no version after the engine was lost").hasSize(1);
    assertThat(engine.removed).containsExactly("c1");
  }

  @Test
  void aVersionThatDownloadsItsModelGetsItsUrlAndTheHostingStopsWithTheRun() {
    Cancellation cancel = new Cancellation();
    LadderVersion downloads = new LadderVersion("t1", "download", MODEL, true, false);
    RunReport run = runner().run(List.of(downloads, version("t2")), QUICK, recording(cancel, null), cancel);

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
    assertThat(engine.started.get(0).env()).containsExactly("MODEL_URL=http://host.docker.internal:1/models/" + MODEL);
    assertThat(engine.started.get(1).env()).isEmpty();
    assertThat(hostingsStarted).hasValue(1);
  }

  @Test
  void whenTheModelCannotBeServedTheRunFailsSayingSoAndLeavesNothing() {
    Cancellation cancel = new Cancellation();
    LadderVersion downloads = new LadderVersion("t1", "download", MODEL, true, false);
    RunReport run = runner("address already in use").run(List.of(downloads), QUICK, recording(cancel, null), cancel);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.message()).contains("cannot serve the model").contains("address already in use");
    assertThat(engine.started).isEmpty();
  }

  @Test
  void scratchFoldersOfDeadRunsGoAtTheNextStartAndLiveOnesStay() throws IOException {
    Path dead = Files.createDirectories(temp.resolve("servescope-work-999999999-1-abc/v1"));
    Path live = new WorkFolders(temp).create();
    List<Path> before = new ArrayList<>(List.of(dead.getParent(), live));
    Cancellation cancel = new Cancellation();
    runner().run(List.of(version("t1")), QUICK, recording(cancel, null), cancel);

    assertThat(before.get(0)).doesNotExist();
    assertThat(live).as("this process's folder is in use").isDirectory();
    WorkFolders.delete(live);
  }
}
