package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.LadderFiles;
import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.ColdStart;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.run.LadderListener;
import dev.servescope.app.ladder.run.LadderRunner;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.train.TsvDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python sample's py-v5 (FastAPI + uvicorn + torch from Debian's packages, torch's dynamic int8) built from its
 * Dockerfile as the sample's ladder file says, and measured beside ServeScope's v5 with a labelled set: the same
 * API, the same labels, the same kind of figures.
 */
class PythonLadderIT {

  @Test
  void pyV5IsBuiltAndMeasuredBesideV5(@TempDir Path dir) throws IOException {
    ProjectLayout layout = DockerAvailable.checkout();
    Path sample = layout.root().resolve("samples/ladders/python");
    // What prepare.sh would export with the launcher; done here so that the build never waits on a second Maven.
    Path exported = sample.resolve("build/minilm-l6-fp32");
    ModelCatalog catalog = ModelCatalog.withDefaultCache();
    if (!Files.isRegularFile(exported.resolve("model.onnx"))) {
      catalog.exportTo(catalog.require("minilm-l6-fp32"), exported);
    }
    LadderFile ladder = LadderFiles.read(sample.resolve("ladder.yaml"));
    var labelled = TsvDataset.read(layout.root().resolve("samples/labeled.tsv"));
    try (DockerEngine engine = DockerAvailable.engineOrSkip();
        HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
      LadderRunner runner = DockerAvailable.runner(engine, store, layout, Samples.builtIn());
      RunReport run = runner.run(ladder, List.of("v5", "py-v5"), new LadderSettings(2, Duration.ofSeconds(2), 10,
          Duration.ofSeconds(1)).withLabelled(labelled).withReadyTimeout(Duration.ofSeconds(120)),
          new LadderListener() { }, new Cancellation());

      assertThat(run.status()).as(run.message()).isEqualTo(RunStatus.COMPLETE);
      assertThat(run.versions()).as("in the ladder's order").extracting(VersionResult::version)
          .containsExactly("py-v5", "v5");
      VersionResult py = run.versions().get(0);
      VersionResult v5 = run.versions().get(1);
      assertThat(py.image()).isEqualTo("servescope-ladder:py-v5");
      assertThat(py.imageBytes()).as("torch is bigger than ONNX Runtime").isGreaterThan(v5.imageBytes());
      assertThat(py.containerRwBytes()).as("nothing fetched or unpacked at start").isLessThan(5_000_000L);
      assertThat(py.coldStartBreakdownMs()).as("its own log line says when the model is loaded")
          .containsKey(ColdStart.MODEL_LOADED);
      assertThat(py.throughputPerSecond()).isPositive();
      assertThat(py.memoryBytes()).isPositive();
      // The same distilled model, int8 both ways (torch's dynamic quantization, ONNX Runtime's): the clear cases
      // right, and the reference's answers on nearly every sample sentence.
      assertThat(py.servedAccuracy()).as("clearly labelled sentences").isGreaterThanOrEqualTo(0.9);
      assertThat(py.labelAgreement()).as("agreement with v3's fp32 model").isGreaterThanOrEqualTo(0.9);
      assertThat(v5.servedAccuracy()).isGreaterThanOrEqualTo(0.9);
      assertThat(engine.managedContainers()).as("no ServeScope container left running").isEmpty();
    }
  }
}
