package dev.servescope.app.ladder.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe: {protocol: open-inference, ...}}: one line for a v2 server, its label found by output name or type. */
class OpenInferenceProbeTest {
  /** An answer as Triton or MLServer gives it: the probabilities first, the label second. */
  private static final String ANSWER = "{\"model_name\": \"sst2\", \"outputs\": ["
      + "{\"name\": \"probabilities\", \"datatype\": \"FP32\", \"shape\": [1, 2], \"data\": [0.1, 0.9]},"
      + "{\"name\": \"sentiment\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"POSITIVE\"]},"
      + "{\"name\": \"label_id\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"1\"]}]}";

  @TempDir
  Path dir;

  private LadderFile read(String probe) throws IOException {
    Path file = dir.resolve("ladder.yaml");
    Files.writeString(file, "ladder: x\nrungs:\n  - id: a\n    image: acme/triton:1\n    probe: " + probe + "\n");
    return LadderFiles.read(file);
  }

  @Test
  void onePresetLineFillsHealthPredictRequestAndLabel() throws IOException {
    Probe p = read("{protocol: open-inference, model: sst2, port: 8000}").rung("a").orElseThrow().probe();
    assertThat(p.port()).isEqualTo(8000);
    assertThat(p.health()).isEqualTo("/v2/models/sst2/ready");
    assertThat(p.predict()).isEqualTo("/v2/models/sst2/infer");
    assertThat(p.body("a \"good\" film")).isEqualTo("{\"inputs\": [{\"name\": \"text\", \"shape\": [1], \"datatype\":"
        + " \"BYTES\", \"data\": [\"a \\\"good\\\" film\"], \"parameters\": {\"content_type\": \"str\"}}]}");
    assertThat(p.labelOf(ANSWER)).as("the first BYTES output").hasValue("POSITIVE");
    assertThat(p.problem()).isEmpty();
  }

  @Test
  void theOutputIsChosenByNameAndTheInputNamedWhenGiven() throws IOException {
    Probe p = read("{protocol: open-inference, model: sst2, port: 8000, input: sentence, output: label_id}")
        .rung("a").orElseThrow().probe();
    assertThat(p.labelOf(ANSWER)).hasValue("1");
    assertThat(p.body("x")).contains("\"name\": \"sentence\"");
    Probe missing = new OpenInferenceProbe("sst2", 8000, null, "label").probe();
    assertThat(missing.labelOf(ANSWER)).as("no output of that name").isEmpty();
    assertThat(new OpenInferenceProbe("sst2", 8000, null, null).probe().labelOf("{\"outputs\": [{\"name\": \"p\","
        + " \"datatype\": \"FP32\", \"data\": [0.5]}]}")).as("no BYTES output").isEmpty();
    assertThat(new OpenInferenceProbe("m", 8080, null, null).probe().port()).isEqualTo(8080);
  }

  @Test
  void aPresetThatCannotWorkSaysWhereAndWhy() {
    assertThatThrownBy(() -> read("{protocol: grpc, model: sst2}")).hasMessageContaining("unknown protocol 'grpc'")
        .hasMessageContaining("open-inference");
    assertThatThrownBy(() -> read("{protocol: open-inference, model: sst2, health: /healthz}"))
        .hasMessageContaining("fills in health, predict, request and label");
    assertThatThrownBy(() -> read("{protocol: open-inference, port: 8000}")).hasMessageContaining("model:")
        .hasMessageContaining("found none");
    assertThatThrownBy(() -> read("{protocol: open-inference, model: 'a b'}")).hasMessageContaining("'a b'");
    assertThatThrownBy(() -> read("{model: sst2, port: 8000}")).hasMessageContaining("go with protocol:");
  }

  @Test
  void anAddedRungKeepsItsPresetAsOneLine() throws IOException {
    Path file = dir.resolve("ladder.yaml");
    Files.writeString(file, "ladder: x\nrungs:\n  - id: v5\n    builtin: v5\n");
    OpenInferenceProbe preset = new OpenInferenceProbe("minilm-l6-int8", 8080, null, "label");
    LadderFile ladder = LadderFileEditor.addRung(LadderFiles.read(file), new RungDraft("v5-v2", "servescope-ladder:v5",
        false, "", preset, Map.of(), "v5 through the Open Inference Protocol"));
    assertThat(Files.readString(file)).contains("probe: {protocol: open-inference, model: 'minilm-l6-int8', port:"
        + " 8080, output: 'label'}");
    assertThat(ladder.rung("v5-v2").orElseThrow().probe()).isEqualTo(preset.probe());
  }
}
