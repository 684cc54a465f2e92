package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.LadderFiles;
import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.result.LoadSetup;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.run.LadderListener;
import dev.servescope.app.ladder.run.LadderRunner;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.inference.model.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine reached over TCP, as a remote one is (a second dockerd on loopback, with its own store): v5 built there
 * from bases made on this machine and sent as API calls, measured with the load in a sidecar there, inspected there,
 * and nothing left behind on it. v2 downloads its model when it starts: from the sidecar in its pod, on that engine,
 * never from this host.
 */
class RemoteEngineIT {

  @Test
  void theLadderBuildsRunsAndMeasuresOnAnEngineOverTcp(@TempDir Path dir) throws IOException {
    ProjectLayout layout = DockerAvailable.checkout();
    Path file = dir.resolve("ladder.yaml");
    Files.writeString(file, "ladder: it-remote\nrungs:\n  - id: v5\n    builtin: v5\n"
        + "  - id: v2\n    builtin: v2\n");
    LadderFile ladder = LadderFiles.read(file);
    try (DockerEngine engine = DockerAvailable.remoteOrSkip();
        HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
      assertThat(engine.info().host()).startsWith("tcp://");
      LadderRunner runner = DockerAvailable.runner(engine, store, layout, Samples.builtIn());
      RunReport run = runner.run(ladder, List.of(), new LadderSettings(2, Duration.ofSeconds(2), 10,
          Duration.ofSeconds(1)), new LadderListener() { }, new Cancellation());

      assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.COMPLETE);
      assertThat(run.engine().host()).isEqualTo(engine.info().host());
      assertThat(run.setup().load().placement()).as("the load runs on that engine").isEqualTo(LoadSetup.SIDECAR);
      VersionResult v5 = run.versions().get(0);
      assertThat(engine.imageId(v5.image())).as("built on that engine").startsWith("sha256:");
      assertThat(v5.imageBytes()).isPositive();
      assertThat(v5.layers()).isNotEmpty();
      assertThat(v5.coldStartMs()).isPositive();
      assertThat(v5.throughputPerSecond()).isPositive();
      assertThat(v5.labelAgreement()).isEqualTo(1.0);
      assertThat(run.versions()).extracting(VersionResult::version).as("v2 fetched its model in its pod")
          .containsExactly("v5", "v2");
      VersionResult v2 = run.versions().get(1);
      assertThat(v2.coldStartMs()).isPositive();
      assertThat(v2.labelAgreement()).as("another model (bge-small) agrees on most sentences, not all")
          .isBetween(0.6, 1.0);
      ModelCatalog catalog = ModelCatalog.withDefaultCache();
      assertThat(v2.containerRwBytes()).as("v2 grows by the model it fetched")
          .isGreaterThanOrEqualTo(catalog.onnxBytes(catalog.require("bge-small-fp32")));
      assertThat(v2.inProcessThroughputPerSecond()).as("its in-process run fetched it too").isPositive();
      assertThat(engine.managedContainers()).as("nothing left on that engine").isEmpty();
    }
  }
}
