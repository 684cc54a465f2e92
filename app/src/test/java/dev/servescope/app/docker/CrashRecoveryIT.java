package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.app.store.HistoryStoreTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * ServeScope killed (SIGKILL) mid-ladder: its container outlives it, and the next start removes it while the
 * history keeps every earlier run and marks the killed one interrupted. While it still runs, another ServeScope's
 * clean-up leaves its container and its run in the history alone.
 */
class CrashRecoveryIT {

  @Test
  void killedMidRunLeavesNothingRunningAfterTheNextStartAndTheHistoryIntact(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("history.db");
    String earlier;
    try (HistoryStore store = HistoryStore.open(history)) {
      earlier = store.startRun(new EngineInfo("x", "1.41", "test"), null);
      store.recordVersion(earlier, HistoryStoreTest.result("v5", 1));
      store.finishRun(earlier, RunStatus.COMPLETE, null);
    }
    try (DockerEngine engine = DockerAvailable.engineOrSkip()) {
      Process child = ladderChild(dir, history);
      try {
        WaitForAsyncUtils.waitFor(10, TimeUnit.MINUTES, () -> !engine.managedContainers().isEmpty()
            || !child.isAlive());
        assertThat(engine.managedContainers()).as("the child started a container; its log: %s",
            dir.resolve("child.log")).isNotEmpty();
        // Another ServeScope starting now (this test's JVM) must leave a running one's container and run alone.
        engine.removeLeftovers();
        assertThat(engine.managedContainers()).as("a live run's container is not a leftover").isNotEmpty();
        try (HistoryStore store = HistoryStore.open(history)) {
          assertThat(store.runs()).filteredOn(r -> !r.id().equals(earlier)).extracting(RunReport::status)
              .as("a live run is not interrupted").containsExactly(RunStatus.RUNNING);
        }
      } finally {
        child.destroyForcibly().waitFor();
      }
      assertThat(engine.managedContainers()).as("a killed process cannot clean up after itself").isNotEmpty();

      // The next start.
      engine.removeLeftovers();
      assertThat(engine.managedContainers()).isEmpty();
    }
    try (HistoryStore store = HistoryStore.open(history)) {
      assertThat(store.runs()).hasSize(2);
      assertThat(store.load(earlier).orElseThrow().versions()).hasSize(1);
      assertThat(store.runs().stream().filter(r -> !r.id().equals(earlier)).findFirst().orElseThrow().status())
          .isEqualTo(RunStatus.INTERRUPTED);
    }
  }

  @Test
  void sigtermMidRunCleansUpBeforeExitingAndRecordsTheRunAsCancelled(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("history.db");
    try (DockerEngine engine = DockerAvailable.engineOrSkip()) {
      Process child = ladderChild(dir, history);
      WaitForAsyncUtils.waitFor(10, TimeUnit.MINUTES, () -> !engine.managedContainers().isEmpty() || !child.isAlive());
      assertThat(engine.managedContainers()).as("the child started a container; its log: %s",
          dir.resolve("child.log")).isNotEmpty();
      child.destroy(); // SIGTERM, as Ctrl-C or a CI timeout would send
      assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("the child exits after its clean-up").isTrue();
      assertThat(engine.managedContainers()).as("no container outlives a terminated run").isEmpty();
      try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
        assertThat(tmp.map(p -> p.getFileName().toString())).as("its scratch folders are gone")
            .noneMatch(n -> n.startsWith("servescope-work-" + child.pid() + "-"));
      }
    }
    try (HistoryStore store = HistoryStore.open(history)) {
      assertThat(store.runs()).extracting(RunReport::status).containsExactly(RunStatus.CANCELLED);
    }
  }

  private static Process ladderChild(Path dir, Path history) throws java.io.IOException {
    String classpath = System.getProperty("java.class.path");
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "-Dservescope.home=" + Path.of("..").toAbsolutePath().normalize(),
        "dev.servescope.app.Main", "ladder", "--versions", "v5", "--duration", "30", "--history", history.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
  }
}
