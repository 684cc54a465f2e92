package dev.servescope.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.inference.ModelLoadException;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelFiles;
import dev.servescope.inference.model.ModelVariant;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading fails loudly, naming the file; closing is safe to repeat and use after close fails. */
class EncoderLoadTest {
  private static final ModelCatalog CATALOG = ModelCatalog.withDefaultCache();
  private static final ClassifierOptions ONE_THREAD = new ClassifierOptions(1, ClassifierOptions.Optimization.ALL);

  @Test
  void aCorruptModelFileIsNamedInTheError(@TempDir Path dir) throws Exception {
    ModelFiles real = CATALOG.files(CATALOG.require("minilm-l6-int8"));
    Files.copy(real.tokenizer(), dir.resolve("tokenizer.json"));
    Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    ModelVariant v = CATALOG.fromDirectory(dir);
    assertThatThrownBy(() -> Classifier.open(CATALOG, v, ONE_THREAD)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("ONNX model cannot be loaded").hasMessageContaining(dir.resolve("model.onnx").toString());
  }

  @Test
  void aCorruptTokenizerIsNamedInTheErrorAndTheLoadedModelIsReleased(@TempDir Path dir) throws Exception {
    // The tokenizer loads on its own thread while the ONNX session is created; its failure must still come out here.
    ModelFiles real = CATALOG.files(CATALOG.require("minilm-l6-int8"));
    Files.copy(real.onnx(), dir.resolve("model.onnx"));
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": \"not a tokenizer\"");
    ModelVariant v = CATALOG.fromDirectory(dir);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> Classifier.open(CATALOG, v, ONE_THREAD)).isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("tokenizer cannot be loaded")
          .hasMessageContaining(dir.resolve("tokenizer.json").toString());
    }
    // The real files still load after the failures.
    try (Classifier ok = Classifier.open(CATALOG, CATALOG.require("minilm-l6-int8"), ONE_THREAD)) {
      assertThat(ok.predict("A wonderful, warm film.").label()).isEqualTo("positive");
    }
  }

  @Test
  void aFolderWithoutTheModelSaysWhichFileIsMissing(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("tokenizer.json"), "{}");
    assertThatThrownBy(() -> CATALOG.fromDirectory(dir)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("has no model.onnx");
    assertThatThrownBy(() -> CATALOG.fromDirectory(dir.resolve("absent"))).hasMessageContaining("not found");
  }

  @Test
  void anImpossibleTokenLimitInVariantJsonIsRejectedNamingTheFile(@TempDir Path dir) throws Exception {
    CATALOG.exportTo(CATALOG.require("minilm-l6-int8"), dir);
    Path descriptor = dir.resolve("variant.json");
    for (int bad : new int[] {0, 2, 100_000}) {
      Files.writeString(descriptor, "{\"max_tokens\": " + bad + "}");
      assertThatThrownBy(() -> CATALOG.fromDirectory(dir)).isInstanceOf(ModelLoadException.class)
          .hasMessageContaining(descriptor.toString()).hasMessageContaining("max_tokens");
    }
    Files.writeString(descriptor, "{\"max_tokens\": 128}");
    assertThat(CATALOG.fromDirectory(dir).maxTokens()).isEqualTo(128);
  }

  @Test
  void anUnknownIdListsTheKnownOnes() {
    assertThatThrownBy(() -> CATALOG.require("bert-huge")).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("unknown model 'bert-huge'").hasMessageContaining("minilm-l6-int8");
  }

  @Test
  void anExportedFolderLoadsAsTheSameVariantWithoutAHeadItCannotPredict(@TempDir Path dir) throws Exception {
    ModelVariant builtIn = CATALOG.require("minilm-l6-int8");
    CATALOG.exportTo(builtIn, dir.resolve("m"));
    ModelVariant fromDir = CATALOG.fromDirectory(dir.resolve("m"));
    assertThat(fromDir.id()).isEqualTo(builtIn.id());
    assertThat(fromDir.maxTokens()).isEqualTo(builtIn.maxTokens());
    assertThat(fromDir.pooling()).isEqualTo(builtIn.pooling());
    try (Classifier exported = Classifier.open(CATALOG, fromDir, ONE_THREAD);
        Classifier original = Classifier.open(CATALOG, builtIn, ONE_THREAD)) {
      String text = "What a lovely surprise.";
      assertThat(exported.predict(text).probabilities()).containsExactly(original.predict(text).probabilities());
    }
    Files.delete(dir.resolve("m/head.json"));
    try (Classifier headless = Classifier.open(CATALOG, CATALOG.fromDirectory(dir.resolve("m")), ONE_THREAD)) {
      assertThat(headless.embed("still embeds")).hasSize(384);
      assertThatThrownBy(() -> headless.predict("x")).hasMessageContaining("has no head.json");
    }
    // A server must not start on it and then fail every request.
    assertThatThrownBy(() -> Classifier.openForPredictions(CATALOG, CATALOG.fromDirectory(dir.resolve("m")),
        ONE_THREAD)).isInstanceOf(ModelLoadException.class).hasMessageContaining("servescope train");
  }

  @Test
  void closeTwiceIsFineAndUseAfterCloseFails() {
    Classifier c = Classifier.open(CATALOG, CATALOG.require("minilm-l6-int8"), ONE_THREAD);
    assertThat(c.predict("fine").label()).isNotBlank();
    c.close();
    c.close();
    assertThatThrownBy(() -> c.predict("too late")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void closeReleasesTheBuffersOfEveryThreadThatPredicted() throws Exception {
    Classifier c = Classifier.open(CATALOG, CATALOG.require("minilm-l6-int8"), ONE_THREAD);
    Thread other = new Thread(() -> c.predict("from another thread"));
    other.start();
    other.join();
    c.predict("from this one");
    assertThat(c.encoder().idleScratchBuffers()).isPositive();
    c.close();
    assertThat(c.encoder().idleScratchBuffers()).isZero();
  }
}
