package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.file.Bandwidth;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.LadderFiles;
import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.measure.ReplicaSettings;
import dev.servescope.app.ladder.result.LoadSetup;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.run.LadderListener;
import dev.servescope.app.ladder.run.LadderRunner;
import dev.servescope.app.store.HistoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ladder on Podman, through its Docker-compatible socket: the local bases made in its own image store, the
 * built-in v5 built and measured with the load in a sidecar in its network namespace, and a rung of your own (v5's
 * image asked through the Open Inference Protocol's preset), each pulled onto an empty node, then nothing left
 * behind.
 */
class PodmanIT {

  @Test
  void aBuiltInRungAndOneOfYourOwnAreMeasuredOnPodman(@TempDir Path dir) throws IOException {
    ProjectLayout layout = DockerAvailable.checkout();
    Path file = dir.resolve("ladder.yaml");
    Files.writeString(file, """
        ladder: it-podman
        reference: v5
        rungs:
          - id: v5
            builtin: v5
          - id: v5-open-inference
            image: servescope-ladder:v5
            probe: {protocol: open-inference, model: minilm-l6-int8, port: 8080}
        """);
    LadderFile ladder = LadderFiles.read(file);
    try (DockerEngine engine = DockerAvailable.podmanOrSkip();
        HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
      LadderRunner runner = DockerAvailable.runner(engine, store, layout, Samples.builtIn());
      RunReport run = runner.run(ladder, List.of(), new LadderSettings(2, Duration.ofSeconds(2), 10,
          Duration.ofSeconds(1)).withFloor(true).withReplica(new ReplicaSettings(Duration.ofSeconds(6),
          Duration.ofSeconds(2), Prices.NONE, List.of(Bandwidth.parse("1gbit")))), new LadderListener() { },
          new Cancellation());

      assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.COMPLETE);
      assertThat(run.hardware().engineKind()).isEqualTo(EngineInfo.PODMAN);
      assertThat(run.hardware().summary()).contains("engine Podman ");
      assertThat(run.setup().load().placement()).isEqualTo(LoadSetup.SIDECAR);
      assertThat(run.setup().floor().coldStartMs()).isPositive();
      VersionResult v5 = run.versions().get(0);
      VersionResult v2 = run.versions().get(1);
      assertThat(v5.imageBytes()).isPositive();
      assertThat(v5.containerBytes()).as("the image and its writes, as Docker counts them")
          .isEqualTo(v5.imageBytes() + v5.containerRwBytes());
      assertThat(v5.coldStartMs()).isPositive();
      assertThat(v5.throughputPerSecond()).isPositive();
      assertThat(v5.memoryBytes()).isPositive();
      assertThat(v5.cpuMsPerPrediction()).as("from Podman's cumulative CPU stats").isPositive();
      assertThat(v5.warmup()).isNotNull();
      // The empty node (Debian's Docker engine in a Podman container) pulled v5 from its registry.
      assertThat(v5.pull().error()).isNull();
      assertThat(v5.pull().pullMs()).containsKey("1gbit");
      assertThat(v5.pull().pulledBytes()).isPositive();
      if (!v5.warmup().noSteadyState()) {
        // Pull, cold start and warm-up: only a rung that settled within the 6 s followed has all three.
        assertThat(v5.newReplicaMs().get("1gbit")).isEqualTo(v5.pull().pullMs().get("1gbit") + v5.coldStartMs()
            + v5.warmup().timeToSteadyMs());
      }
      assertThat(v2.pull().reusedFrom()).as("the same image, pulled once").isEqualTo(run.id());
      assertThat(v2.pull().pullMs()).isEqualTo(v5.pull().pullMs());
      assertThat(v2.image()).isEqualTo(v5.image());
      assertThat(v2.labelAgreement()).as("the same model through its own API and through /v2").isEqualTo(1.0);
      // A refusal of Podman's says it was Podman's.
      assertThatThrownBy(() -> engine.startContainer(new ContainerSpec(v5.image(), List.of(), 0,
          Map.of(Labels.MANAGED, Labels.LADDER), null, "99", null, List.of("true"), false, null)))
          .hasMessageStartingWith("Podman " + engine.info().version() + ": create a container of " + v5.image());
      assertThat(engine.managedContainers()).as("no ServeScope container left on Podman").isEmpty();
    }
  }
}
