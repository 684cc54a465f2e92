package dev.servescope.inference.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.model.ModelCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real classifier behind the real server: concurrent clients get the same answers as a direct call. */
class ServedClassifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void concurrentRequestsMatchDirectPredictions() throws Exception {
    ModelCatalog catalog = ModelCatalog.withDefaultCache();
    HttpClient http = HttpClient.newHttpClient();
    try (Classifier classifier = Classifier.open(catalog, catalog.require("minilm-l6-fp32"),
        new ClassifierOptions(1, ClassifierOptions.Optimization.ALL));
        PredictionServer server = PredictionServer.start(classifier, ServerConfig.loopback(0, 4))) {
      List<String> texts = List.of("Great value and a friendly team.", "The worst purchase I ever made.",
          "I enjoyed it a lot.", "Terribly boring and far too long.");
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String body = JSON.writeValueAsString(java.util.Map.of("text", texts.get(i % texts.size())));
        calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
            + "/prediction")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < calls.size(); i++) {
        HttpResponse<String> r = calls.get(i).get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.get("label").asText()).isEqualTo(classifier.predict(texts.get(i % texts.size())).label());
        assertThat(n.get("model").asText()).isEqualTo("minilm-l6-fp32");
      }
    }
  }
}
