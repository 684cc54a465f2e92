package dev.servescope.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.inference.ModelLoadException;
import dev.servescope.inference.model.Pooling;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinearHeadTest {

  @Test
  void logitsAreWeightsTimesInputPlusBias() {
    LinearHead head = new LinearHead(List.of("negative", "positive"), Pooling.MEAN, true,
        new float[][] {{1, 0, -1}, {0.5f, 2, 0}}, new float[] {0.25f, -1}, null);
    double[] z = head.logits(new float[] {2, 1, 3});
    assertThat(z[0]).isCloseTo(1 * 2 + 0 * 1 - 1 * 3 + 0.25, within(1e-9));
    assertThat(z[1]).isCloseTo(0.5 * 2 + 2 * 1 + 0 * 3 - 1, within(1e-9));
  }

  @Test
  void binaryHeadGivesTheLogisticProbability() {
    double[] w = {0.5, -2, 1};
    double b = 0.3;
    LinearHead head = LinearHead.binary(w, b, Pooling.CLS, false, null);
    float[] x = {1, 0.25f, -0.5f};
    double z = 0.5 * 1 - 2 * 0.25 + 1 * -0.5 + 0.3;
    double[] p = Softmax.of(head.logits(x));
    assertThat(p[1]).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-6));
    assertThat(head.labels()).containsExactly("negative", "positive");
  }

  @Test
  void rejectsAnEmbeddingOfTheWrongSize() {
    LinearHead head = LinearHead.binary(new double[] {1, 2}, 0, Pooling.MEAN, true, null);
    assertThatThrownBy(() -> head.logits(new float[3])).hasMessageContaining("head expects 2");
  }

  @Test
  void rejectsMismatchedRowsAndLabels() {
    assertThatThrownBy(() -> new LinearHead(List.of("a", "b"), Pooling.MEAN, true, new float[][] {{1}},
        new float[] {0, 0}, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void survivesAJsonRoundTrip(@TempDir Path dir) throws Exception {
    LinearHead head = LinearHead.binary(new double[] {0.125, -3.5}, 1.5, Pooling.CLS, true,
        Map.of("lambda", 0.01));
    Path file = dir.resolve("sub/head.json");
    head.write(file);
    LinearHead back = LinearHead.read(file);
    assertThat(back).isEqualTo(head);
    assertThat(back.training()).containsEntry("lambda", 0.01);
  }

  @Test
  void aBrokenFileIsReportedByName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("head.json");
    Files.writeString(file, "{\"labels\": [\"x\"");
    assertThatThrownBy(() -> LinearHead.read(file)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(file.toString());
    assertThatThrownBy(() -> LinearHead.read(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)), "x"))
        .isInstanceOf(ModelLoadException.class);
  }

  @Test
  void builtInHeadsReadBitForBitAsEachNumberParsedAsAFloat() throws Exception {
    for (String family : List.of("minilm-l6", "bge-small")) {
      String resource = "/dev/servescope/inference/heads/" + family + ".json";
      LinearHead head;
      try (var in = LinearHead.class.getResourceAsStream(resource)) {
        head = LinearHead.read(in, resource);
      }
      // The reference: Jackson's object mapper, as the heads were read before, which parses each float[] number's
      // own text with Float.parseFloat; equals compares the floats bit for bit (Arrays.equals on float[]).
      LinearHead reference;
      try (var in = LinearHead.class.getResourceAsStream(resource)) {
        reference = new ObjectMapper().readValue(in, LinearHead.class);
      }
      assertThat(head).as(family).isEqualTo(reference);
      assertThat(head.labels()).containsExactly("negative", "positive");
    }
  }

  @Test
  void aHeadOfTheWrongShapeIsReportedWithWhatIsWrong() {
    assertThatThrownBy(() -> LinearHead.read(stream("{\"labels\": [\"a\", \"b\"], \"pooling\": \"MEAN\","
        + " \"weights\": [[1], [\"x\"]], \"bias\": [0, 0]}"), "h.json"))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("h.json").hasMessageContaining("weights[1]");
    assertThatThrownBy(() -> LinearHead.read(stream("{\"labels\": [\"a\", \"b\"], \"pooling\": \"SUM\","
        + " \"weights\": [[1], [2]], \"bias\": [0, 0]}"), "h.json"))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("SUM");
    assertThatThrownBy(() -> LinearHead.read(stream("{\"pooling\": \"MEAN\"}"), "h.json"))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("labels");
  }

  private static ByteArrayInputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
