package dev.servescope.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Hardware;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.Limits;
import dev.servescope.app.ladder.host.OwnerProcess;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunSetup;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class HistoryStoreTest {
  private static final EngineInfo ENGINE = new EngineInfo("20.10.24", "1.41", "unix:///var/run/docker.sock");
  private static final Hardware HARDWARE = new Hardware("AMD EPYC", 2, List.of("avx2"), 24_000_000_000L, "20.10.24",
      "6.1.0", "Debian GNU/Linux 12 (bookworm)", "x86_64", null);

  public static VersionResult result(String version, long imageBytes) {
    return VersionResult.builder(version, "servescope-ladder:" + version).model("minilm-l6-int8").buildSeconds(12.5)
        .image(imageBytes, List.of(new LayerSize(imageBytes, "COPY lib/ /app/lib/"))).container(imageBytes + 10, 10)
        .coldStart(900, null, null).memoryBytes(200_000_000).latency(new VersionResult.Percentiles(5, 8, 20), null)
        .throughput(150.5, null).labelAgreement(1.0).build();
  }

  private static final RunSetup SETUP = new RunSetup("mine", "v5", new Limits(2, 2048L << 20));

  @Test
  void aRunOnPodmanReadsBackAsPodmans(@TempDir Path dir) throws Exception {
    EngineInfo podman = new EngineInfo("4.3.1", "1.41", "unix:///run/podman/podman.sock", EngineInfo.PODMAN);
    Hardware hardware = new Hardware("AMD EPYC", 2, List.of("avx2"), 24_000_000_000L, "4.3.1", "6.1.0", "debian",
        "amd64", EngineInfo.PODMAN);
    try (HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
      String id = store.startRun(podman, hardware, SETUP);
      RunReport run = store.load(id).orElseThrow();
      assertThat(run.engine()).isEqualTo(podman);
      assertThat(run.engine().name()).isEqualTo("Podman 4.3.1");
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(run.engine()))
          .as("the kind once, as recorded").contains("\"kind\":\"podman\"").doesNotContain("\"podman\":");
    }
  }

  @Test
  void runsAndResultsSurviveReopening(@TempDir Path dir) {
    Path file = dir.resolve("sub/history.db");
    String id;
    try (HistoryStore store = HistoryStore.open(file)) {
      id = store.startRun(ENGINE, HARDWARE, SETUP);
      store.recordVersion(id, result("v5", 126_000_000));
      store.recordVersion(id, result("v2", 590_000_000));
      store.finishRun(id, RunStatus.COMPLETE, null);
    }
    try (HistoryStore store = HistoryStore.open(file)) {
      RunReport run = store.load(id).orElseThrow();
      assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
      assertThat(run.engine()).isEqualTo(ENGINE);
      assertThat(run.hardware()).isEqualTo(HARDWARE);
      assertThat(run.setup()).isEqualTo(SETUP);
      assertThat(run.versions()).as("in the order measured").extracting(VersionResult::version)
          .containsExactly("v5", "v2");
      assertThat(run.versions().get(0)).isEqualTo(result("v5", 126_000_000));
      assertThat(store.runs()).extracting(RunReport::id).containsExactly(id);
    }
  }

  @Test
  void aRunLeftOpenByACrashIsMarkedInterruptedAndKeepsWhatItRecorded(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("history.db");
    String finished;
    String crashed;
    try (HistoryStore store = HistoryStore.open(file)) {
      finished = completeRun(store, result("v5", 1));
      crashed = store.startRun(ENGINE, HARDWARE);
      store.recordVersion(crashed, result("v1", 2));
      // No finishRun: the process "dies" here. Its owner becomes a process that really ran and exited.
    }
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    setOwner(file, crashed, new OwnerProcess(exited.pid(), OwnerProcess.current().host(), 0).label());
    try (HistoryStore store = HistoryStore.open(file)) {
      assertThat(store.load(crashed).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
      assertThat(store.load(crashed).orElseThrow().versions()).extracting(VersionResult::version)
          .containsExactly("v1");
      assertThat(store.load(finished).orElseThrow().status()).isEqualTo(RunStatus.COMPLETE);
      assertThat(store.load("nope")).isEmpty();
    }
  }

  @Test
  void aRunInProgressStaysRunningWhenTheHistoryIsOpenedElsewhere(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("history.db");
    try (HistoryStore running = HistoryStore.open(file)) {
      String id = running.startRun(ENGINE, HARDWARE);
      running.recordVersion(id, result("v1", 2));
      // The Charts view, or 'servescope history', opens the same file while the run goes on.
      try (HistoryStore reader = HistoryStore.open(file)) {
        assertThat(reader.load(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
      }
      running.finishRun(id, RunStatus.COMPLETE, null);
      assertThat(running.load(id).orElseThrow().status()).isEqualTo(RunStatus.COMPLETE);

      String legacy = running.startRun(ENGINE, HARDWARE);
      setOwner(file, legacy, null);
      try (HistoryStore reader = HistoryStore.open(file)) {
        assertThat(reader.load(legacy).orElseThrow().status()).as("no owner recorded: cannot be alive")
            .isEqualTo(RunStatus.INTERRUPTED);
      }
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsMovedAsideAndANewHistoryStarts(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("history.db");
    Files.writeString(file, "this is not a database\n".repeat(200));
    try (HistoryStore store = HistoryStore.open(file)) {
      Path aside = store.movedAside().orElseThrow();
      assertThat(aside.getFileName().toString()).startsWith("history.db.corrupt-");
      assertThat(Files.readString(aside)).startsWith("this is not a database");
      String id = store.startRun(ENGINE, HARDWARE);
      store.finishRun(id, RunStatus.COMPLETE, null);
      assertThat(store.runs()).hasSize(1);
    }
    try (HistoryStore again = HistoryStore.open(file)) {
      assertThat(again.movedAside()).isEmpty();
      assertThat(again.runs()).hasSize(1);
    }
  }

  // The race lost about one run in twenty of these before new files were made whole apart: repeated, it shows.
  @org.junit.jupiter.api.RepeatedTest(20)
  void manyOpeningANewHistoryAtOnceAllSucceed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("new/history.db");
    int openers = 8;
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(openers);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(openers);
    try {
      List<java.util.concurrent.Future<String>> ids = new java.util.ArrayList<>();
      for (int i = 0; i < openers; i++) {
        ids.add(pool.submit(() -> {
          together.await(10, java.util.concurrent.TimeUnit.SECONDS);
          try (HistoryStore store = HistoryStore.open(file)) {
            return store.startRun(ENGINE, HARDWARE);
          }
        }));
      }
      for (var id : ids) {
        assertThat(id.get(60, java.util.concurrent.TimeUnit.SECONDS)).isNotBlank();
      }
    } finally {
      pool.shutdownNow();
    }
    try (HistoryStore store = HistoryStore.open(file)) {
      assertThat(store.runs()).hasSize(openers);
    }
    assertThat(userVersion(file)).isEqualTo(Schema.LATEST);
  }

  @Test
  void aHistoryFromBeforeSchemaVersionsIsMigratedAndKeepsItsRuns(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("history.db");
    sql(file, "CREATE TABLE runs (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, status TEXT NOT NULL, message"
        + " TEXT, engine_version TEXT, api_version TEXT, engine_host TEXT, finished_at TEXT)",
        "CREATE TABLE results (run_id TEXT NOT NULL REFERENCES runs(id), version TEXT NOT NULL, recorded_at"
        + " TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (run_id, version))",
        "INSERT INTO runs (id, started_at, status) VALUES ('old', '2026-11-01T00:00:00Z', 'complete')");
    try (HistoryStore store = HistoryStore.open(file)) {
      assertThat(store.load("old").orElseThrow().status()).isEqualTo(RunStatus.COMPLETE);
      assertThat(store.load("old").orElseThrow().hardware()).as("not recorded back then").isNull();
      String id = store.startRun(ENGINE, HARDWARE);
      assertThat(store.load(id)).isPresent();
    }
    assertThat(userVersion(file)).isEqualTo(Schema.LATEST);
  }

  @Test
  void aHistoryFromANewerServeScopeIsRefusedNotChanged(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("history.db");
    HistoryStore.open(file).close();
    sql(file, "PRAGMA user_version = 99");
    assertThatThrownBy(() -> HistoryStore.open(file)).isInstanceOf(HistoryStore.StoreException.class)
        .hasMessageContaining("newer");
    assertThat(userVersion(file)).isEqualTo(99);
  }

  @Test
  void oneUnreadableRowHidesNothingElse(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("history.db");
    String good;
    String odd;
    try (HistoryStore store = HistoryStore.open(file)) {
      good = completeRun(store, result("v4", 3), result("v5", 4));
      odd = completeRun(store);
    }
    sql(file, "UPDATE results SET json = '{broken' WHERE version = 'v4'",
        "UPDATE runs SET status = 'from the future' WHERE id = '" + odd + "'");
    try (HistoryStore store = HistoryStore.open(file)) {
      assertThat(store.load(good).orElseThrow().versions()).extracting(VersionResult::version).containsExactly("v5");
      assertThat(store.runs()).extracting(RunReport::id).containsExactly(good);
    }
  }

  /** Records a complete run with these results; returns its id. */
  private static String completeRun(HistoryStore store, VersionResult... results) {
    String id = store.startRun(ENGINE, HARDWARE);
    for (VersionResult r : results) {
      store.recordVersion(id, r);
    }
    store.finishRun(id, RunStatus.COMPLETE, null);
    return id;
  }

  /** Runs statements on the file directly, as another program (or a damaged disk) would. */
  private static void sql(Path file, String... statements) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement s = db.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static int userVersion(Path file) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement s = db.createStatement(); java.sql.ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.getInt(1);
    }
  }

  private static void setOwner(Path file, String runId, String owner) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        PreparedStatement ps = db.prepareStatement("UPDATE runs SET owner = ? WHERE id = ?")) {
      ps.setString(1, owner);
      ps.setString(2, runId);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }
}
