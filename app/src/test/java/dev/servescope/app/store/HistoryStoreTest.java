package dev.servescope.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.OwnerProcess;
import dev.servescope.app.ladder.RunReport;
import dev.servescope.app.ladder.RunStatus;
import dev.servescope.app.ladder.VersionResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class HistoryStoreTest {
  private static final EngineInfo ENGINE = new EngineInfo("20.10.24", "1.41", "unix:///var/run/docker.sock");

  public static VersionResult result(String version, long imageBytes) {
    return new VersionResult(version, "servescope-ladder:" + version, "minilm-l6-int8", 12.5, imageBytes,
        imageBytes + 10, 10, 900, 200_000_000, new VersionResult.Percentiles(5, 8, 20), 150.5, 1.0,
        List.of(new LayerSize(imageBytes, "COPY lib/ /app/lib/")));
  }

  @Test
  void runsAndResultsSurviveReopening(@TempDir Path dir) {
    Path file = dir.resolve("sub/history.db");
    String id;
    try (HistoryStore store = HistoryStore.open(file)) {
      id = store.startRun(ENGINE);
      store.recordVersion(id, result("v5", 126_000_000));
      store.recordVersion(id, result("v2", 590_000_000));
      store.finishRun(id, RunStatus.COMPLETE, null);
    }
    try (HistoryStore store = HistoryStore.open(file)) {
      RunReport run = store.load(id).orElseThrow();
      assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
      assertThat(run.engine()).isEqualTo(ENGINE);
      assertThat(run.versions()).extracting(VersionResult::version).containsExactly("v2", "v5");
      assertThat(run.versions().get(1)).isEqualTo(result("v5", 126_000_000));
      assertThat(store.runs()).extracting(RunReport::id).containsExactly(id);
    }
  }

  @Test
  void aRunLeftOpenByACrashIsMarkedInterruptedAndKeepsWhatItRecorded(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("history.db");
    String finished;
    String crashed;
    try (HistoryStore store = HistoryStore.open(file)) {
      finished = store.startRun(ENGINE);
      store.recordVersion(finished, result("v5", 1));
      store.finishRun(finished, RunStatus.COMPLETE, null);
      crashed = store.startRun(ENGINE);
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
      String id = running.startRun(ENGINE);
      running.recordVersion(id, result("v1", 2));
      // The Charts view, or 'servescope history', opens the same file while the run goes on.
      try (HistoryStore reader = HistoryStore.open(file)) {
        assertThat(reader.load(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
      }
      running.finishRun(id, RunStatus.COMPLETE, null);
      assertThat(running.load(id).orElseThrow().status()).isEqualTo(RunStatus.COMPLETE);

      String legacy = running.startRun(ENGINE);
      setOwner(file, legacy, null);
      try (HistoryStore reader = HistoryStore.open(file)) {
        assertThat(reader.load(legacy).orElseThrow().status()).as("no owner recorded: cannot be alive")
            .isEqualTo(RunStatus.INTERRUPTED);
      }
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
