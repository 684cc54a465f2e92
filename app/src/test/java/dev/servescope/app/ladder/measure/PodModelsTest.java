package dev.servescope.app.ladder.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodModelsTest {
  @TempDir
  Path work;
  private final List<String> exported = new ArrayList<>();

  private PodModels models() {
    return new PodModels((id, folder) -> {
      exported.add(id);
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("tokenizer.json"), "{}");
      Files.writeString(folder.resolve("model.onnx"), "weights of " + id);
    }, work);
  }

  @Test
  void aPublishedModelIsFetchedOnThePodsLoopbackAndExportedOnce() throws IOException {
    PodModels models = models();
    String url = models.publish("bge-small-fp32");
    assertThat(models.publish("bge-small-fp32")).isEqualTo(url);

    assertThat(url).isEqualTo("http://127.0.0.1:" + PodModels.PORT + "/models/bge-small-fp32");
    assertThat(exported).containsExactly("bge-small-fp32");
    Map<String, Path> fetched = models.fetchedBy(List.of("LOG_LEVEL=info", "MODEL_URL=" + url));
    assertThat(fetched).containsOnlyKeys("bge-small-fp32");
    assertThat(PodModels.files(fetched.get("bge-small-fp32")))
        .extracting(p -> p.getFileName().toString()).containsExactly("model.onnx", "tokenizer.json");
  }

  @Test
  void aContainerThatFetchesNothingOrFromElsewhereGetsNoModels() throws IOException {
    PodModels models = models();
    models.publish("bge-small-fp32");

    assertThat(models.fetchedBy(List.of())).isEmpty();
    assertThat(models.fetchedBy(List.of("MODEL_URL=http://models.internal:8000/models/bge-small-fp32")))
        .as("the user's own model source").isEmpty();
    assertThat(models.fetchedBy(List.of("MODEL_URL=http://127.0.0.1:" + PodModels.PORT + "/models/minilm-l6-fp32")))
        .as("a model this run did not publish").isEmpty();
  }
}
