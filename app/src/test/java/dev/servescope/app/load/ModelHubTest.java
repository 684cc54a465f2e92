package dev.servescope.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelHubTest {

  @Test
  void servesPublishedModelFilesByNameAndNothingElse(@TempDir Path dir) throws Exception {
    Path model = Files.createDirectories(dir.resolve("m"));
    Files.writeString(model.resolve("model.onnx"), "weights");
    Files.writeString(model.resolve("secret.txt"), "do not serve");
    Files.writeString(dir.resolve("outside.txt"), "do not serve");
    HttpClient http = HttpClient.newHttpClient();
    try (ModelHub hub = ModelHub.start(Optional.empty())) {
      hub.publish("m1", model);
      String base = "http://127.0.0.1:" + hub.port();
      assertThat(get(http, base + "/models/m1/model.onnx")).isEqualTo("200 weights");
      assertThat(get(http, base + "/models/m1/secret.txt")).startsWith("404");
      assertThat(get(http, base + "/models/m1/..%2F..%2Foutside.txt")).startsWith("404");
      assertThat(get(http, base + "/models/m2/model.onnx")).startsWith("404");
      assertThat(get(http, base + "/models/m1/tokenizer.json")).as("known name, absent file").startsWith("404");
      assertThat(hub.containerUrl("m1")).isEqualTo("http://host.docker.internal:" + hub.port() + "/models/m1");
    }
  }

  @Test
  void onLoopbackServesEachFolderUnderARootAsTheModelOfItsName(@TempDir Path dir) throws Exception {
    for (String id : java.util.List.of("minilm-l6-fp32", "bge-small-fp32")) {
      Files.writeString(Files.createDirectories(dir.resolve(id)).resolve("model.onnx"), "weights of " + id);
    }
    Files.writeString(dir.resolve("stray.txt"), "not a model");
    HttpClient http = HttpClient.newHttpClient();
    try (ModelHub hub = ModelHub.onLoopback(0)) {
      assertThat(hub.publishEach(dir)).containsExactly("bge-small-fp32", "minilm-l6-fp32");
      String base = "http://127.0.0.1:" + hub.port();
      assertThat(get(http, base + "/models/bge-small-fp32/model.onnx")).isEqualTo("200 weights of bge-small-fp32");
      assertThat(get(http, base + "/models/minilm-l6-fp32/model.onnx")).isEqualTo("200 weights of minilm-l6-fp32");
      assertThat(get(http, base + "/models/stray.txt/model.onnx")).startsWith("404");
    }
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }
}
