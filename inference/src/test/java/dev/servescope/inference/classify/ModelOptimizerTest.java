package dev.servescope.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import dev.servescope.inference.ModelLoadException;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelFiles;
import dev.servescope.inference.model.ModelVariant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model folder optimised once answers as the published model does, and says who optimised it. */
class ModelOptimizerTest {
  private static final ModelCatalog CATALOG = ModelCatalog.withDefaultCache();
  private static final ClassifierOptions ONE_THREAD = new ClassifierOptions(1, ClassifierOptions.Optimization.ALL);
  private static final List<String> TEXTS = List.of("A wonderful, warm film.", "Dull, and far too long.",
      "it 's a charming and often affecting journey .", "the movie is n't worth the price of a ticket .");

  @Test
  void theOptimisedFolderGivesTheSameAnswersAndRecordsTheRuntime(@TempDir Path dir) throws Exception {
    ModelVariant builtIn = CATALOG.require("minilm-l6-int8");
    CATALOG.exportTo(builtIn, dir);
    byte[] published = Files.readAllBytes(dir.resolve("model.onnx"));

    ModelOptimizer.Result r = ModelOptimizer.optimize(CATALOG, dir);

    String version = OrtEnvironment.getEnvironment().getVersion();
    assertThat(r.ortVersion()).isEqualTo(version);
    assertThat(r.bytesBefore()).isEqualTo(published.length);
    assertThat(r.bytesAfter()).isEqualTo(Files.size(dir.resolve("model.onnx"))).isPositive();
    assertThat(Files.readAllBytes(dir.resolve("model.onnx"))).as("the graph was rewritten").isNotEqualTo(published);
    assertThat(Files.readString(dir.resolve("variant.json"))).contains("\"graph_optimized_by\" : \"" + version + "\"")
        .contains("\"id\" : \"minilm-l6-int8\"");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).doesNotContain("model.onnx.optimizing");
    ModelFiles files = CATALOG.files(CATALOG.fromDirectory(dir));
    assertThat(files.graphOptimizedBy()).contains(version);

    try (Classifier before = Classifier.open(CATALOG, builtIn, ONE_THREAD);
        Classifier after = Classifier.open(files, ONE_THREAD)) {
      for (String text : TEXTS) {
        Prediction a = before.predict(text);
        Prediction b = after.predict(text);
        assertThat(b.label()).as(text).isEqualTo(a.label());
        assertThat(b.score()).as(text)
            .isCloseTo(a.score(), Offset.offset(1e-3));
      }
    }
    assertThatThrownBy(() -> ModelOptimizer.optimize(CATALOG, dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("already optimised");
  }

  @Test
  void aGraphAnotherRuntimeOptimisedStillLoadsAndIsOptimisedAgain(@TempDir Path dir) throws Exception {
    CATALOG.exportTo(CATALOG.require("minilm-l6-int8"), dir);
    CATALOG.markGraphOptimized(dir, "0.0.1");
    ModelFiles files = CATALOG.files(CATALOG.fromDirectory(dir));
    assertThat(files.graphOptimizedBy()).contains("0.0.1");
    try (Classifier c = Classifier.open(files, ONE_THREAD)) {
      assertThat(c.predict("A wonderful, warm film.").label()).isEqualTo("positive");
    }
  }

  @Test
  void aCorruptModelFailsNamingTheFileAndTheFolderIsLeftAsItWas(@TempDir Path dir) throws Exception {
    CATALOG.exportTo(CATALOG.require("minilm-l6-int8"), dir);
    byte[] corrupt = Arrays.copyOf(Files.readAllBytes(dir.resolve("model.onnx")), 4096);
    Files.write(dir.resolve("model.onnx"), corrupt);
    String descriptor = Files.readString(dir.resolve("variant.json"));

    assertThatThrownBy(() -> ModelOptimizer.optimize(CATALOG, dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(dir.resolve("model.onnx").toString());

    assertThat(Files.readAllBytes(dir.resolve("model.onnx"))).isEqualTo(corrupt);
    assertThat(Files.readString(dir.resolve("variant.json"))).isEqualTo(descriptor);
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).doesNotContain("model.onnx.optimizing");
  }
}
