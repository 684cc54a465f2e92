package dev.servescope.app.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.inference.model.ModelCatalog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python sample's service ({@code samples/ladders/python/service/serve.py}) answers the bad input ServeScope's
 * server answers with a 4xx and an {@code error}, never a crash, and still serves after it: bad JSON, no
 * {@code text}, a text that is not a string or is blank, invalid UTF-8, a body over 1 MiB. It runs here on
 * 127.0.0.1 with Debian's packages (what the images install), serving an exported minilm-l6.
 */
class PythonServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SERVICE = Path.of("../samples/ladders/python/service");
  private static final int MAX_BODY = 1 << 20;

  // HTTP/1.1 as ServeScope's load speaks: uvicorn 0.17 turns away the h2c upgrade Java's client offers by default.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private Process service;
  private final List<String> log = new ArrayList<>();
  private int port;

  @AfterEach
  void stop() throws InterruptedException {
    if (service != null) {
      service.destroy();
      if (!service.waitFor(30, TimeUnit.SECONDS)) {
        service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Starts the service on a free loopback port and returns once uvicorn says it listens. */
  private void start(Path model) throws Exception {
    String python = DebianPython.with("torch", "fastapi", "uvicorn").orElse(null);
    Assumptions.assumeTrue(python != null, "no python3 with Debian's python3-torch, python3-fastapi and"
        + " python3-uvicorn (.ci/run installs them)");
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder(python, "serve.py").directory(SERVICE.toFile())
        .redirectErrorStream(true);
    builder.environment().remove("MODEL_URL");
    builder.environment().put("MODEL_DIR", model.toString());
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().put("PORT", String.valueOf(port));
    service = builder.start();
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          synchronized (log) {
            log.add(line);
          }
          if (line.contains("Uvicorn running on")) {
            listening.complete(null);
          }
        }
      } catch (java.io.IOException e) {
        // The process ended: the future below says so.
      }
      listening.completeExceptionally(new AssertionError("the service ended before it listened: " + logged()));
    }, "python-service-log");
    reader.setDaemon(true);
    reader.start();
    listening.get(180, TimeUnit.SECONDS);
  }

  private String logged() {
    synchronized (log) {
      return String.join("\n", log);
    }
  }

  private HttpResponse<String> post(byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/prediction"))
            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String body) throws Exception {
    return post(body.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertError(HttpResponse<String> r, int status, String says) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(JSON.readTree(r.body()).path("error").asText()).contains(says);
  }

  @Test
  void badInputGetsA4xxAndTheServiceKeepsServing(@TempDir Path dir) throws Exception {
    ModelCatalog catalog = ModelCatalog.withDefaultCache();
    start(catalog.exportTo(catalog.require("minilm-l6-fp32"), dir.resolve("model")));

    assertError(post("{not json"), 400, "must be JSON");
    assertError(post(""), 400, "must be JSON");
    assertError(post("[1, 2]"), 400, "\"text\" string");
    assertError(post("{\"txt\": \"typo\"}"), 400, "\"text\" string");
    assertError(post("{\"text\": 42}"), 400, "\"text\" string");
    assertError(post("{\"text\": \"\"}"), 400, "empty");
    assertError(post("{\"text\": \" \\t\\n \"}"), 400, "empty");
    byte[] invalidUtf8 = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertError(post(invalidUtf8), 400, "must be JSON");
    assertError(post("{\"text\": \"" + "a".repeat(MAX_BODY) + "\"}"), 413, "over " + MAX_BODY + " bytes");

    // A text just under the limit is cut to the model's window, as ServeScope's server does, and answered.
    String words = "a fine film ".repeat((MAX_BODY - 100) / 12);
    HttpResponse<String> longest = post(JSON.writeValueAsString(java.util.Map.of("text", words)));
    assertThat(longest.statusCode()).as(longest.body()).isEqualTo(200);
    assertThat(JSON.readTree(longest.body()).path("truncated").asBoolean()).isTrue();

    HttpResponse<String> good = post("{\"text\": \"A wonderful, warm film.\"}");
    assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(good.body());
    assertThat(answer.path("model").asText()).isEqualTo("minilm-l6-fp32");
    assertThat(answer.path("probabilities").has(answer.path("label").asText())).isTrue();
    assertThat(service.isAlive()).as(logged()).isTrue();
  }
}
