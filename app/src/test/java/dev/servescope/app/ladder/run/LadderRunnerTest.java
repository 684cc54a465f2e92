package dev.servescope.app.ladder.run;

import dev.servescope.app.ladder.ForeignService;
import dev.servescope.app.ladder.MemoryHistory;
import dev.servescope.app.ladder.FakeEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.app.ladder.BuildRequest;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.Limits;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.LadderFiles;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.host.WorkFolders;
import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.measure.ColdStart;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.measure.ModelHosting;
import dev.servescope.app.ladder.measure.ReplicaSettings;
import dev.servescope.app.ladder.result.LoadSetup;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunSetup;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.Sweep;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.result.Warmup;
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
  private static final LadderSettings QUICK = new LadderSettings(1, Duration.ofMillis(300), 20, Duration.ZERO)
      .withPlacement(LoadSetup.HOST);
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
  private final List<String> logs = new CopyOnWriteArrayList<>();
  /** The models written for versions that download theirs. */
  private final List<String> exported = new CopyOnWriteArrayList<>();
  /** The models the reference labels were asked of. */
  private final List<String> referenceAsked = new CopyOnWriteArrayList<>();
  /** How many containers had started when the reference's labels were asked. */
  private final List<Integer> containersBeforeReference = new CopyOnWriteArrayList<>();

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
    for (String id : List.of("t1", "t2", "t3", "v5")) {
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

  /** With {@code exportFails}, writing a model's files fails with that message. */
  private LadderRunner runner(String exportFails) {
    BuildContextFactory contexts = (v, ctx) -> {
      Files.createDirectories(ctx);
      Files.copy(v.dir(layout).resolve("Dockerfile"), ctx.resolve("Dockerfile"));
      return ctx;
    };
    ModelHosting.Export models = (modelId, folder) -> {
      if (exportFails != null) {
        throw new IOException(exportFails);
      }
      exported.add(modelId);
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("model.onnx"), "weights of " + modelId);
    };
    // A built-in reference's labels, as the wiring gives them: the model's own, here the one the fake engine serves.
    ReferenceLabels reference = (modelId, sentences) -> {
      referenceAsked.add(modelId);
      containersBeforeReference.add(engine.started.size());
      return sentences.stream().map(s -> served.predict(s).label()).toList();
    };
    return new LadderRunner(engine, history, new LadderRunner.Parts(layout, contexts, models, reference, SAMPLES,
        new WorkFolders(temp), null));
  }

  private LadderListener recording(Cancellation cancel, String cancelAtPhase) {
    return new LadderListener() {
      @Override
      public void phase(String rung, String phase, double fraction) {
        if (cancelAtPhase != null && phase.startsWith(cancelAtPhase)) {
          cancel.cancel();
        }
      }

      @Override
      public void log(String rung, String line) {
        logs.add(rung + ": " + line);
      }

      @Override
      public void rungFinished(String rung, VersionResult r) {
        events.add(rung + " finished");
      }

      @Override
      public void rungFailed(String rung, Exception e) {
        events.add(rung + " failed: " + e.getMessage());
      }

      @Override
      public void rungSkipped(String rung, String reason) {
        events.add(rung + " skipped: " + reason);
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
    assertThat(referenceAsked).as("the built-in reference's model, asked once for the run").containsExactly(MODEL);
    // Before any rung runs: a run stopped by SIGTERM records what it measured from the JVM's shutdown, when the
    // reference's model can no longer be loaded.
    assertThat(containersBeforeReference).containsExactly(0);
    assertThat(t1.inProcessThroughputPerSecond()).as("the same load on the model in process").isPositive();
    assertThat(t1.servedEfficiency()).isEqualTo(Math.round(t1.throughputPerSecond()
        / t1.inProcessThroughputPerSecond() * 1000) / 1000.0);
    assertThat(engine.inProcessStarts).as("once per rung, with the run's callers, on the same limits")
        .hasSize(2).allSatisfy(s -> {
          assertThat(s.env()).contains("IN_PROCESS_LOAD=1,0,300").anyMatch(e -> e.startsWith("IN_PROCESS_SENTENCES="
              + SAMPLES.get(0) + "\n"));
          assertThat(s.limits()).isEqualTo(engine.started.get(0).limits());
        });
    assertThat(engine.started).hasSize(2);
    assertThat(engine.started).allSatisfy(s -> assertThat(s.labels()).containsEntry(Labels.RUN, run.id()));
    assertThat(engine.leftoverSweeps).isEqualTo(1);
    assertThat(events).containsExactly("t1 finished", "t2 finished");
  }

  @Test
  void aNewReplicasWarmUpCpuAndPricesAreRecordedWhenAskedFor() {
    Cancellation cancel = new Cancellation();
    LadderSettings settings = QUICK.withReplica(new ReplicaSettings(Duration.ofSeconds(3), Duration.ofMillis(50),
        Prices.parse("cpu_hour=0.04")));
    RunReport run = runner().run(List.of(version("t1")), settings, recording(cancel, null), cancel);

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
    assertThat(run.setup().prices()).isEqualTo(Prices.parse("cpu_hour=0.04"));
    VersionResult t1 = run.versions().get(0);
    Warmup w = t1.warmup();
    assertThat(w).as("the warm-up was followed").isNotNull();
    assertThat(w.steadyWithinMs()).isEqualTo(3000);
    assertThat(w.windowMs()).isEqualTo(1000);
    assertThat(w.windowP50Ms()).as("one window per second it was followed").hasSize(3);
    assertThat(w.ratePerS()).as("no --steady-rate: the latency phase's").isEqualTo(QUICK.ratePerSecond());
    // Steady needs three windows, so within 3 s it is steady from the first window (a time under a second: the gap
    // since the first answer) or not at all, as sub-millisecond answers on a busy machine may be.
    if (!w.noSteadyState()) {
      assertThat(w.timeToSteadyMs()).isBetween(0L, 999L);
    }
    // The fake's CPU readings: 20 ms more each, a second apart; the host's client answered every request it sent.
    assertThat(t1.cpuMsPerPrediction()).isPositive();
    assertThat(t1.idleCpuMsPerS()).isEqualTo(20.0);
    assertThat(logs).anyMatch(l -> l.contains("at rest: 20.00 CPU ms per second"));
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
  void aRungThisMachineCannotBuildIsSkippedSayingWhatToInstallAndTheRunStillCompletes() {
    engine.missingPrerequisites.add(version("t1").tag());
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(List.of(version("t1"), version("t2")), QUICK, recording(cancel, null), cancel);

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
    assertThat(run.message()).startsWith("t1 skipped: ").contains("install a Java 25 JDK");
    assertThat(run.versions()).extracting(VersionResult::version).containsExactly("t2");
    assertThat(events).containsExactly("t1 skipped: no Java 25 JDK here: install a Java 25 JDK", "t2 finished");
    assertThat(engine.started).as("nothing of t1 was started").hasSize(1);
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
  void repeatsTakeTurnsAndEachFigureIsTheMedianWithItsSpread() {
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(List.of(version("t1"), version("t2")), QUICK.withRepeats(3), recording(cancel, null),
        cancel);

    assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.COMPLETE);
    assertThat(run.setup().repeats()).isEqualTo(3);
    assertThat(engine.built).hasSize(2);
    assertThat(engine.started).extracting(ContainerSpec::image).containsExactly(version("t1").tag(),
        version("t2").tag(), version("t1").tag(), version("t2").tag(), version("t1").tag(), version("t2").tag());
    assertThat(engine.inProcessStarts).as("in process after each round's served measurement")
        .extracting(ContainerSpec::image).containsExactly(version("t1").tag(), version("t2").tag(),
            version("t1").tag(), version("t2").tag(), version("t1").tag(), version("t2").tag());
    assertThat(engine.removed).as("every container, the in-process ones too").hasSize(12);
    for (VersionResult r : run.versions()) {
      assertThat(r.repeats()).isEqualTo(3);
      assertThat(r.throughputPerSecond()).isBetween(r.throughputSpread().min(), r.throughputSpread().max());
      assertThat((double) r.coldStartMs()).isBetween(r.coldStartSpread().min(), r.coldStartSpread().max());
      assertThat(r.latencyMs().p99()).isBetween(r.latencySpread().p99().min(), r.latencySpread().p99().max());
      assertThat(r.coldStartBreakdownMs()).containsKeys(ColdStart.STARTED, ColdStart.FIRST_PREDICTION);
      assertThat(r.labelAgreement()).isEqualTo(1.0);
    }
    assertThat(events).containsExactly("t1 finished", "t2 finished");
  }

  @Test
  void cancellingInALaterRoundKeepsWhatEarlierRoundsMeasured() {
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(List.of(version("t1"), version("t2")), QUICK.withRepeats(2),
        recording(cancel, "repeat 2/2: latency"), cancel);

    assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(run.versions()).extracting(VersionResult::version).containsExactlyInAnyOrder("t1", "t2");
    assertThat(run.versions()).extracting(VersionResult::repeats).containsOnly(1);
    assertThat(engine.started).hasSize(3);
    assertThat(engine.running).isEmpty();
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
  void aVersionThatDownloadsItsModelGetsItsUrlAndTheHubStopsWithTheRun() throws IOException {
    Cancellation cancel = new Cancellation();
    LadderVersion downloads = new LadderVersion("t1", "download", MODEL, true, false);
    RunReport run = runner().run(List.of(downloads, version("t2")), QUICK, recording(cancel, null), cancel);

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
    assertThat(exported).containsExactly(MODEL);
    assertThat(engine.started.get(0).env()).singleElement().asString()
        .matches("MODEL_URL=http://host\\.docker\\.internal:\\d+/models/" + MODEL);
    assertThat(engine.started.get(1).env()).isEmpty();
    String url = engine.started.get(0).env().get(0);
    int port = Integer.parseInt(url.replaceAll(".*:(\\d+)/models/.*", "$1"));
    try (java.net.Socket hub = new java.net.Socket()) {
      assertThatThrownBy(() -> hub.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000))
          .as("the hub on port %d closed with the run", port).isInstanceOf(IOException.class);
    }
  }

  @Test
  void whenTheModelCannotBeWrittenTheRungFailsSayingSoAndStartsNothing() {
    Cancellation cancel = new Cancellation();
    LadderVersion downloads = new LadderVersion("t1", "download", MODEL, true, false);
    RunReport run = runner("No space left on device").run(List.of(downloads), QUICK, recording(cancel, null),
        cancel);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.message()).contains("cannot serve the model " + MODEL).contains("No space left on device");
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

  private LadderFile ladderFile(String yaml) throws IOException {
    Path file = dir.resolve("ladder.yaml");
    Files.writeString(file, yaml);
    return LadderFiles.read(file);
  }

  private static List<String> localLabels() {
    return SAMPLES.stream().map(t -> served.predict(t).label()).toList();
  }

  private static final String FOREIGN_PROBE = """
          probe: {port: 9000, health: /healthz, predict: /v1/classify, request: '{"inputs": ${text}}',
                  label: /result/sentiment}
          labels: {POS: positive, NEG: negative}
      """;

  @Test
  void anImageOfYourOwnIsMeasuredThroughItsProbeBesideABuiltInRung() throws IOException {
    engine.foreign.put("acme/svc:1", ForeignService.Fault.NONE);
    engine.foreign.put("acme/naive:1", ForeignService.Fault.EVERYTHING_POSITIVE);
    LadderFile ladder = ladderFile("""
        ladder: mine
        reference: v5
        limits: {cpus: 1.5, memory_mb: 512}
        rungs:
          - id: v5
            builtin: v5
          - id: svc
            image: acme/svc:1
            env: {WORKERS: "2"}
        """ + FOREIGN_PROBE + """
          - id: naive
            image: acme/naive:1
        """ + FOREIGN_PROBE);
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(ladder, List.of(), QUICK, recording(cancel, null), cancel);

    assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.COMPLETE);
    assertThat(run.setup()).isEqualTo(new RunSetup("mine", "v5", new Limits(1.5, 512L << 20), 1,
        new LoadSetup(LoadSetup.HOST, null, null, null), null));
    assertThat(run.versions()).extracting(VersionResult::version).containsExactly("v5", "svc", "naive");
    assertThat(engine.started).extracting(ContainerSpec::limits).containsOnly(new Limits(1.5, 512L << 20));
    ContainerSpec svc = engine.started.get(1);
    assertThat(svc.image()).isEqualTo("acme/svc:1");
    assertThat(svc.port()).isEqualTo(9000);
    assertThat(svc.env()).containsExactly("WORKERS=2");
    assertThat(engine.built).as("an existing image is measured as it is").containsExactly("servescope-ladder:v5");
    VersionResult own = run.versions().get(1);
    assertThat(own.image()).isEqualTo("acme/svc:1");
    assertThat(own.model()).isNull();
    assertThat(own.inProcessThroughputPerSecond()).as("a service of your own has no in-process mode").isNull();
    assertThat(engine.inProcessStarts).extracting(ContainerSpec::image).containsExactly("servescope-ladder:v5");
    assertThat(own.throughputPerSecond()).isPositive();
    assertThat(own.labelAgreement()).as("POS and NEG translated, the same model behind them").isEqualTo(1.0);
    double positives = localLabels().stream().filter("positive"::equals).count() / (double) SAMPLES.size();
    assertThat(run.versions().get(2).labelAgreement()).as("a service that always says positive")
        .isEqualTo(positives).isLessThan(1.0);
  }

  @Test
  void aReferenceOfYourOwnRunsFirstAndTheOthersAreComparedWithWhatItServed() throws IOException {
    engine.foreign.put("acme/naive:1", ForeignService.Fault.EVERYTHING_POSITIVE);
    LadderFile ladder = ladderFile("""
        ladder: mine
        reference: naive
        rungs:
          - id: v5
            builtin: v5
          - id: naive
            image: acme/naive:1
        """ + FOREIGN_PROBE);
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(ladder, List.of(), QUICK, recording(cancel, null), cancel);

    assertThat(run.versions()).extracting(VersionResult::version).containsExactly("naive", "v5");
    assertThat(run.versions().get(0).labelAgreement()).as("the reference itself").isNull();
    double positives = localLabels().stream().filter("positive"::equals).count() / (double) SAMPLES.size();
    assertThat(run.versions().get(1).labelAgreement()).isEqualTo(positives);
    assertThat(run.setup().limits()).as("the engine's defaults").isEqualTo(Limits.defaults(2));
  }

  @Test
  void aServiceThatNeverGetsHealthyFailsAloneSayingWhatItWaitedForAndWhatTheContainerSaid() throws IOException {
    engine.foreign.put("acme/sick:1", ForeignService.Fault.NEVER_HEALTHY);
    engine.foreign.put("acme/mute:1", ForeignService.Fault.NO_LABEL);
    engine.missingImages.add("acme/gone:1");
    LadderFile ladder = ladderFile("""
        ladder: mine
        rungs:
          - id: v5
            builtin: v5
          - id: sick
            image: acme/sick:1
        """ + FOREIGN_PROBE + """
          - id: mute
            image: acme/mute:1
        """ + FOREIGN_PROBE + """
          - id: gone
            image: acme/gone:1
        """);
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(ladder, List.of(), QUICK.withReadyTimeout(Duration.ofSeconds(1)),
        recording(cancel, null), cancel);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.versions()).extracting(VersionResult::version).containsExactly("v5");
    assertThat(run.message())
        .contains("sick: no 2xx from GET :9000/healthz within 1 s (GET /healthz answered HTTP 503)")
        .contains("last container log lines:\n(fake log)")
        .contains("mute: POST :9000/v1/classify answered 200 but with no label at /result/sentiment")
        .contains("{\"result\": {\"score\": 0.9}}")
        .contains("gone: image acme/gone:1 is not on this engine");
  }

  @Test
  void aDockerfileRungIsPreparedOnTheHostThenBuiltWithItsArgumentsInItsContext() throws IOException {
    Path svc = Files.createDirectories(dir.resolve("svc/docker"));
    Files.writeString(svc.resolve("Dockerfile"), "ARG THREADS=4\nFROM scratch\n");
    LadderFile ladder = ladderFile("""
        ladder: mine
        rungs:
          - id: v5
            builtin: v5
          - id: own
            dockerfile: svc/docker/Dockerfile
            context: svc
            build_args: {THREADS: "1"}
            prepare: [sh, -c, 'echo fetched > fetched.txt; echo "prepared with $SERVESCOPE"']
        """);
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(ladder, List.of(), QUICK, recording(cancel, null), cancel);

    assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.COMPLETE);
    assertThat(dir.resolve("svc/fetched.txt")).as("prepare ran in the context").hasContent("fetched");
    assertThat(logs).contains("own: prepared with " + layout.root().resolve("servescope"));
    BuildRequest build = engine.builds.get(1);
    assertThat(build.contextDir()).isEqualTo(dir.resolve("svc"));
    assertThat(build.dockerfile()).isEqualTo(svc.resolve("Dockerfile"));
    assertThat(build.tag()).isEqualTo("servescope-ladder:own");
    assertThat(build.buildArgs()).containsEntry("THREADS", "1");
    assertThat(build.labels()).containsEntry(Labels.VERSION, "own");
    assertThat(run.versions().get(1).labelAgreement()).as("ServeScope's API by default: label at /label")
        .isEqualTo(1.0);
  }

  @Test
  void aFailingPrepareCommandFailsItsRungWithItsLastLines() throws IOException {
    Files.createDirectories(dir.resolve("own"));
    Files.writeString(dir.resolve("own/Dockerfile"), "FROM scratch\n");
    LadderFile ladder = ladderFile("""
        ladder: mine
        rungs:
          - id: own
            dockerfile: own/Dockerfile
            prepare: [sh, -c, 'echo "npm ci: cannot reach the registry"; exit 3']
          - id: v5
            builtin: v5
        """);
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(ladder, List.of(), QUICK, recording(cancel, null), cancel);

    assertThat(run.message()).contains("own: prepare command").contains("failed with exit code 3")
        .contains("npm ci: cannot reach the registry");
    assertThat(engine.builds).extracting(BuildRequest::tag).containsExactly("servescope-ladder:v5");
    assertThat(run.versions()).extracting(VersionResult::version).containsExactly("v5");
  }

  @Test
  void withoutALabelInTheProbeAgreementIsSkippedAndSaysWhy() throws IOException {
    engine.foreign.put("acme/svc:1", ForeignService.Fault.NONE);
    LadderFile ladder = ladderFile("""
        ladder: mine
        rungs:
          - id: v5
            builtin: v5
          - id: svc
            image: acme/svc:1
            probe: {port: 9000, health: /healthz, predict: /v1/classify, request: '{"inputs": ${text}}'}
        """);
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(ladder, List.of("svc"), QUICK, recording(cancel, null), cancel);

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
    assertThat(run.versions()).extracting(VersionResult::version).containsExactly("svc");
    assertThat(run.versions().get(0).labelAgreement()).isNull();
    assertThat(logs).contains("svc: agreement not measured: the probe names no label (add 'label:' to it)");
  }

  @Test
  void withALabelledSetEachRungAnswersItThroughItsApiForItsServedAccuracy() throws IOException {
    engine.foreign.put("acme/naive:1", ForeignService.Fault.EVERYTHING_POSITIVE);
    List<String> local = localLabels();
    // The true labels: the model's own for the first two sentences, the opposite for the third.
    List<dev.servescope.inference.train.LabeledText> labelled = new ArrayList<>();
    for (int i = 0; i < SAMPLES.size(); i++) {
      int model = local.get(i).equals("positive") ? 1 : 0;
      labelled.add(new dev.servescope.inference.train.LabeledText(SAMPLES.get(i), i < 2 ? model : 1 - model));
    }
    LadderFile ladder = ladderFile("""
        ladder: mine
        rungs:
          - id: v5
            builtin: v5
          - id: naive
            image: acme/naive:1
        """ + FOREIGN_PROBE);
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(ladder, List.of(), QUICK.withLabelled(labelled), recording(cancel, null), cancel);

    assertThat(run.versions().get(0).servedAccuracy()).isEqualTo(2.0 / 3);
    long positives = labelled.stream().filter(t -> t.label() == 1).count();
    assertThat(run.versions().get(1).servedAccuracy()).as("always positive: right on the positive ones")
        .isEqualTo((double) positives / labelled.size());
    assertThat(logs).anyMatch(l -> l.startsWith("v5: served accuracy 0.6667 on 3 labelled sentences"));
  }

  @Test
  void aSweepMeasuresEachConcurrencyLevelAndTheBestWithinTheObjective() {
    Cancellation cancel = new Cancellation();
    RunReport run = runner().run(List.of(version("t1")), QUICK.withSweep(List.of(1, 2), 10_000), recording(cancel,
        null), cancel);

    Sweep sweep = run.versions().get(0).sweep();
    assertThat(sweep.sloMs()).isEqualTo(10_000);
    assertThat(sweep.points()).extracting(Sweep.Point::concurrency).containsExactly(1, 2);
    assertThat(sweep.points()).allSatisfy(p -> {
      assertThat(p.throughputPerSecond()).isPositive();
      assertThat(p.p99()).isGreaterThanOrEqualTo(p.p50()).isPositive();
    });
    assertThat(sweep.maxThroughputWithinSlo()).as("every level kept a 10 s objective")
        .isEqualTo(sweep.points().stream().mapToDouble(Sweep.Point::throughputPerSecond).max().orElseThrow());
  }
}
