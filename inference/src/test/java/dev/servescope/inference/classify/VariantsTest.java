package dev.servescope.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelVariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in variant gets the obvious cases in {@code samples/labeled.tsv} right. */
class VariantsTest {
  private static final ModelCatalog CATALOG = ModelCatalog.withDefaultCache();

  static Stream<String> variants() {
    return Stream.of("bge-small-fp32", "bge-small-int8", "minilm-l6-fp32", "minilm-l6-int8");
  }

  @ParameterizedTest
  @MethodSource("variants")
  void clearSentencesGetTheirObviousLabel(String id) throws IOException {
    List<String[]> rows = Files.readAllLines(Path.of("../samples/labeled.tsv")).stream().skip(1)
        .map(l -> l.split("\t")).toList();
    ModelVariant variant = CATALOG.require(id);
    try (Classifier c = Classifier.open(CATALOG, variant, new ClassifierOptions(2,
        ClassifierOptions.Optimization.ALL))) {
      for (String[] row : rows) {
        String expected = row[0].equals("1") ? "positive" : "negative";
        Prediction p = c.predict(row[1]);
        assertThat(p.label()).as("%s on '%s'", id, row[1]).isEqualTo(expected);
        assertThat(p.score()).isGreaterThan(0.5);
      }
      assertThat(c.encoder().hiddenSize()).isEqualTo(variant.hiddenSize());
    }
  }
}
