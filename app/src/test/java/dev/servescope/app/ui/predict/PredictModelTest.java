package dev.servescope.app.ui.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.ui.task.CurrentThreadTaskExecutor;
import dev.servescope.inference.model.ModelCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Predict view's models without a window, their work run at once on the test's thread. */
class PredictModelTest {
  private static final ModelCatalog CATALOG = ModelCatalog.withDefaultCache();
  private final PredictSession session = new PredictSession(CATALOG, Samples.builtIn(),
      new CurrentThreadTaskExecutor());
  private final PredictModel model = new PredictModel(session);

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void theViewOpensOnTheMostAccurateFastVariantAndNamesEachVariantsAccuracy() {
    assertThat(model.modelProperty().get().id()).isEqualTo("bge-small-int8");
    assertThat(model.describe(CATALOG.require("minilm-l6-int8")))
        .isEqualTo("minilm-l6-int8  (6 layers, int8, 80.8% on SST-2)");
    assertThat(model.describe(CATALOG.require("bge-small-fp32"))).contains("12 layers").contains("87.4% on SST-2");
    assertThat(model.accuracyNote(CATALOG.require("bge-small-int8"))).as("the CPU beside the figure")
        .startsWith("87.0% on SST-2 dev (759 of 872; measured on AMD EPYC with AVX-512 VNNI")
        .contains("up to 4 of its sentences differently");
  }

  @Test
  void theFirstSampleIsClassifiedRightByTheVariantTheViewOpensOn() {
    String first = session.samples().get(0);
    assertThat(first).startsWith("The update fixed every crash");
    model.textProperty().set(first);
    model.predict();
    assertThat(model.predictionProperty().get().label()).isEqualTo("positive");
  }

  @Test
  void emptyTextIsRefusedAndABadFolderChangesNothing(@TempDir Path dir) {
    model.textProperty().set("   ");
    model.predict();
    assertThat(session.messageProperty().get()).contains("empty");
    assertThat(session.busyProperty().get()).isFalse();
    assertThat(model.predictionProperty().get()).isNull();
    String before = model.modelProperty().get().id();
    model.openFolder(dir.resolve("no-such-folder"));
    assertThat(session.messageProperty().get()).contains("not found");
    assertThat(model.modelProperty().get().id()).isEqualTo(before);
  }

  @Test
  void aPredictionSaysWhenItLoadedTheModelOrCutTheText() {
    model.modelProperty().set(CATALOG.require("minilm-l6-int8"));
    model.textProperty().set("the food was cold and the service was rude . ".repeat(100));
    model.predict();
    assertThat(model.predictionProperty().get().label()).isEqualTo("negative");
    assertThat(model.predictionProperty().get().truncated()).isTrue();
    assertThat(session.messageProperty().get()).contains("cut to the model's limit of 256 tokens")
        .contains("Loaded minilm-l6-int8").contains("includes its warm-up");

    model.textProperty().set("A warm, funny and generous film.");
    model.predict();
    assertThat(model.predictionProperty().get().label()).isEqualTo("positive");
    assertThat(session.messageProperty().get()).as("the model stays open: nothing loaded, nothing cut").isEmpty();
    assertThat(session.busyProperty().get()).isFalse();
  }

  @Test
  void aBenchmarkFillsItsHistogramAndEndsAtFullProgress() {
    BenchmarkModel bench = new BenchmarkModel(model);
    model.modelProperty().set(CATALOG.require("minilm-l6-int8"));
    bench.runsProperty().set(30);
    bench.run();
    assertThat(bench.reportProperty().get().model()).isEqualTo("minilm-l6-int8");
    assertThat(bench.histogram()).isNotEmpty();
    assertThat(session.progressProperty().get()).isEqualTo(1.0);
    assertThat(session.messageProperty().get()).contains("p50").contains("predictions/s");
  }

  @Test
  void aFailingJobBecomesTheMessageAndFreesTheSession(@TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("model.onnx"), "not a model");
    java.nio.file.Files.copy(CATALOG.files(CATALOG.require("minilm-l6-int8")).tokenizer(),
        dir.resolve("tokenizer.json"));
    model.openFolder(dir);
    model.textProperty().set("anything");
    model.predict();
    assertThat(session.messageProperty().get()).contains("ONNX model cannot be loaded")
        .contains(dir.resolve("model.onnx").toString());
    assertThat(session.busyProperty().get()).isFalse();
    assertThat(List.of(model.predictionProperty().get() == null)).containsExactly(true);
  }
}
