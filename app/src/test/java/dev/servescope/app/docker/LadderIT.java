package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.Limits;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.ColdStart;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.measure.ReplicaSettings;
import dev.servescope.app.ladder.result.LoadSetup;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.run.LadderListener;
import dev.servescope.app.ladder.run.LadderRunner;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.inference.model.ModelCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ladder for real: builds v5 (baked int8 model, empty base) and v2 (model downloaded at start) on the engine,
 * runs and measures them, and leaves no container behind.
 */
class LadderIT {

  @Test
  void buildsRunsAndMeasuresABakedAndADownloadingVersion(@TempDir Path dir) {
    ProjectLayout layout = DockerAvailable.checkout();
    ModelCatalog catalog = ModelCatalog.withDefaultCache();
    List<String> phases = new ArrayList<>();
    try (DockerEngine engine = DockerAvailable.engineOrSkip();
        HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
      LadderRunner runner = DockerAvailable.runner(engine, store, layout, Samples.builtIn());
      RunReport run = runner.run(List.of(LadderVersion.byId("v5"), LadderVersion.byId("v2")),
          new LadderSettings(2, Duration.ofSeconds(2), 10, Duration.ofSeconds(1)).withFloor(true)
              .withReplica(new ReplicaSettings(Duration.ofSeconds(6), Duration.ofSeconds(2), Prices.NONE)),
          new LadderListener() {
            @Override
            public void phase(String rung, String phase, double fraction) {
              phases.add(rung + ":" + phase);
            }
          }, new Cancellation());

      assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.COMPLETE);
      assertThat(run.hardware().cpus()).as("the engine's CPUs, recorded with the run").isPositive();
      assertThat(run.hardware().cpuModel()).as("a local engine's CPU is this machine's").isNotBlank();
      assertThat(run.hardware().memoryBytes()).isPositive();
      assertThat(run.setup().reference()).as("the first version given").isEqualTo("v5");
      int cpus = run.hardware().cpus();
      assertThat(run.setup().limits()).as("every rung under the same limits, one CPU left for the load sidecar")
          .isEqualTo(Limits.defaults(cpus >= 2 ? cpus - 1 : cpus));
      // The floor started once, in the round, and every cold start reads as a multiple of it.
      assertThat(run.setup().floor()).as("the floor's cold start").isNotNull();
      assertThat(run.setup().floor().starts()).isEqualTo(1);
      assertThat(run.setup().floor().coldStartMs()).isPositive();
      for (VersionResult r : run.versions()) {
        assertThat(r.coldStartVsFloor()).isEqualTo(Math.round(100.0 * r.coldStartMs()
            / run.setup().floor().coldStartMs()) / 100.0);
      }
      assertThat(run.versions().get(0).coldStartVsFloor()).as("a JVM and a model start slower than busybox")
          .isGreaterThan(1);
      LoadSetup load = run.setup().load();
      assertThat(load.placement()).isEqualTo(LoadSetup.SIDECAR);
      if (cpus >= 2) {
        assertThat(load.loadCpuset()).isEqualTo(String.valueOf(cpus - 1));
        assertThat(load.serverCpuset()).isEqualTo("0");
      }
      assertThat(run.versions()).extracting(VersionResult::version).containsExactly("v5", "v2");
      VersionResult v5 = run.versions().get(0);
      VersionResult v2 = run.versions().get(1);
      assertThat(v5.labelAgreement()).as("the reference's image serves what its model says here").isEqualTo(1.0);
      assertThat(v2.labelAgreement()).as("another model (bge-small) agrees on most sentences, not all")
          .isBetween(0.6, 1.0);

      assertThat(v5.imageBytes()).as("smallest image under 150 MB").isLessThan(150_000_000L);
      assertThat(v5.containerRwBytes()).as("v5 writes next to nothing at start").isLessThan(5_000_000L);
      long modelBytes = catalog.onnxBytes(catalog.require("bge-small-fp32"));
      assertThat(v2.containerRwBytes()).as("v2 grows by the model it downloads").isGreaterThanOrEqualTo(modelBytes);
      assertThat(v2.containerBytes()).isGreaterThan(v2.imageBytes());
      for (VersionResult r : run.versions()) {
        assertThat(r.coldStartMs()).isPositive();
        // Seen from inside the pod: the engine's start, the server's own log line, the sidecar's polls.
        assertThat(r.coldStartBreakdownMs()).containsKeys(ColdStart.STARTED, ColdStart.MODEL_LOADED,
            ColdStart.LISTENING, ColdStart.HEALTHY, ColdStart.FIRST_PREDICTION);
        assertThat(r.coldStartBreakdownMs().values().stream().mapToLong(Long::longValue).sum())
            .isEqualTo(r.coldStartMs());
        assertThat(r.latencyMs().p50()).isPositive();
        assertThat(r.latencyMs().p99()).isGreaterThanOrEqualTo(r.latencyMs().p50());
        assertThat(r.throughputPerSecond()).isPositive();
        assertThat(r.memoryBytes()).isPositive();
        assertThat(r.layers()).isNotEmpty();
        assertThat(r.layers().stream().mapToLong(LayerSize::bytes).sum()).isEqualTo(r.imageBytes());
        assertThat(r.transferBytes()).as("gzip moves less than the disk holds").isPositive()
            .isLessThan(r.imageBytes());
        assertThat(r.efficiency()).isBetween(0.9, 1.0);
        assertThat(r.wastedBytes()).isNotNull().isLessThan(r.imageBytes() / 100);
        // The same image in its in-process mode, on the same CPU, with the same callers.
        assertThat(r.inProcessThroughputPerSecond()).as(r.version() + " in process").isPositive();
        assertThat(r.servedEfficiency()).as(r.version() + " served / in process").isBetween(0.2, 1.5);
        // A new replica: its warm-up followed for at most 6 s in 1 s windows, and its CPU from the engine's stats.
        assertThat(r.warmup()).as(r.version() + " warm-up").isNotNull();
        assertThat(r.warmup().windowP50Ms()).hasSizeBetween(3, 6).allMatch(p50 -> p50 > 0);
        assertThat(r.warmup().noSteadyState() || r.warmup().timeToSteadyMs() >= 0).isTrue();
        assertThat(r.cpuMsPerPrediction()).as(r.version() + " CPU per prediction").isPositive()
            // One CPU serving r.throughput per second cannot spend more than 1,000 ms per second on them.
            .isLessThan(1000 / r.throughputPerSecond() * 1.5);
        assertThat(r.idleCpuMsPerS()).as(r.version() + " at rest").isNotNull().isBetween(0.0, 200.0);
      }
      assertThat(phases).anyMatch(p -> p.startsWith("v5:labels of")).anyMatch(p -> p.startsWith("v2:labels of"));
      assertThat(store.load(run.id()).orElseThrow()).isEqualTo(run);
      assertThat(engine.managedContainers()).as("no ServeScope container left running").isEmpty();
    }
  }
}
