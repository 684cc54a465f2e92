package dev.servescope.inference.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.inference.Await;
import dev.servescope.inference.InvalidInputException;
import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.classify.Predictor;
import dev.servescope.inference.classify.Timings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's HTTP contract over real sockets, with a fake predictor so that timing is under the test's control. */
class PredictionServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private PredictionServer server;

  /** "positive" when the text contains "good"; blocks while {@code gate} is closed. */
  static final class FakePredictor implements Predictor {
    final CountDownLatch gate;
    final CountDownLatch entered;

    FakePredictor(CountDownLatch gate, int expectedEntries) {
      this.gate = gate;
      this.entered = new CountDownLatch(expectedEntries);
    }

    @Override
    public String modelId() {
      return "fake";
    }

    @Override
    public Prediction predict(String text) {
      if (text.isBlank()) {
        throw new InvalidInputException("text is empty");
      }
      entered.countDown();
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      double pos = text.contains("good") ? 0.9 : 0.2;
      return new Prediction("fake", pos > 0.5 ? "positive" : "negative", Math.max(pos, 1 - pos),
          List.of("negative", "positive"), new double[] {1 - pos, pos}, false, text.length(),
          new Timings(1, 1, 1, 3));
    }
  }

  private void start(Predictor p, int workers, int queue) throws Exception {
    server = PredictionServer.start(p, new ServerConfig(InetAddress.getLoopbackAddress(), 0, workers, queue, 1000));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> post(byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri("/prediction")).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String body) throws Exception {
    return post(body.getBytes(StandardCharsets.UTF_8));
  }

  private static CountDownLatch open() {
    return new CountDownLatch(0);
  }

  @Test
  void predictsHealthChecksAndServesTheSample() throws Exception {
    start(new FakePredictor(open(), 0), 2, 4);
    HttpResponse<String> r = post("{\"text\": \"a good day\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("label").asText()).isEqualTo("positive");
    assertThat(body.get("probabilities").get("positive").asDouble()).isEqualTo(0.9);
    assertThat(body.get("model").asText()).isEqualTo("fake");
    assertThat(body.get("truncated").asBoolean()).isFalse();
    assertThat(body.get("timings_ms").has("tokenize")).isTrue();
    assertThat(body.get("timings_ms").has("total")).isTrue();

    HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/health_check")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("ok");

    HttpResponse<String> root = http.send(HttpRequest.newBuilder(uri("/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(root.body()).has("label")).isTrue();
  }

  @Test
  void badRequestsGetClearFourHundreds() throws Exception {
    start(new FakePredictor(open(), 0), 2, 4);
    assertError(post("{not json"), 400, "not valid JSON");
    assertError(post("[1, 2]"), 400, "JSON object");
    assertError(post("{\"txt\": \"typo\"}"), 400, "missing string field");
    assertError(post("{\"text\": 42}"), 400, "missing string field");
    assertError(post("{\"text\": \"   \"}"), 400, "text is empty");
    assertError(post(""), 400, "JSON object");
    byte[] invalidUtf8 = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertError(post(invalidUtf8), 400, "not valid UTF-8");
    assertError(post("{\"text\": \"" + "a".repeat(2000) + "\"}"), 413, "larger than 1000 bytes");
    assertError(http.send(HttpRequest.newBuilder(uri("/prediction")).GET().build(),
        HttpResponse.BodyHandlers.ofString()), 405, "use POST");
    assertError(http.send(HttpRequest.newBuilder(uri("/health_check")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString()), 405, "use GET");
    assertError(http.send(HttpRequest.newBuilder(uri("/nope")).build(), HttpResponse.BodyHandlers.ofString()), 404,
        "no such endpoint");
    // Still healthy after all of that.
    assertThat(post("{\"text\": \"good\"}").statusCode()).isEqualTo(200);
  }

  @Test
  void aChunkedBodyOverTheLimitIsRejectedWithoutReadingItAll() throws Exception {
    start(new FakePredictor(open(), 0), 1, 1);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /prediction HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String chunk = "x".repeat(4096);
      for (int i = 0; i < 4; i++) {
        out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void whenWorkersAndQueueAreFullItAnswers503AndRecovers() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    FakePredictor slow = new FakePredictor(gate, 1);
    start(slow, 1, 1);
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    // First request takes the only worker...
    inFlight.add(sendAsync("{\"text\": \"good one\"}"));
    assertThat(slow.entered.await(5, TimeUnit.SECONDS)).isTrue();
    // ...the second waits in the queue, the rest are turned away at once.
    inFlight.add(sendAsync("{\"text\": \"queued\"}"));
    Await.until("the second request to wait in the queue", Duration.ofSeconds(10), () -> server.waiting() == 1);
    List<HttpResponse<String>> rejected = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rejected.add(post("{\"text\": \"one too many\"}"));
    }
    assertThat(rejected).allSatisfy(r -> {
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).contains("1");
    });
    gate.countDown();
    for (CompletableFuture<HttpResponse<String>> f : inFlight) {
      assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(server.rejectedCount()).isEqualTo(3);
    assertThat(post("{\"text\": \"good again\"}").statusCode()).isEqualTo(200);
  }

  @Test
  void manyConcurrentClientsAllGetAnswers() throws Exception {
    start(new FakePredictor(open(), 0), 4, 64);
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      all.add(sendAsync(i % 2 == 0 ? "{\"text\": \"good " + i + "\"}" : "{\"text\": \"bad " + i + "\"}"));
    }
    for (int i = 0; i < all.size(); i++) {
      HttpResponse<String> r = all.get(i).get(20, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).get("label").asText()).isEqualTo(i % 2 == 0 ? "positive" : "negative");
    }
  }

  @Test
  void aSteadyLoadRunsOnTheReadersThatWentIdleLastNotOnANewThreadPerRequest() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    FakePredictor fake = new FakePredictor(open(), 0);
    start(new Predictor() {
      @Override
      public String modelId() {
        return fake.modelId();
      }

      @Override
      public Prediction predict(String text) {
        threads.add(Thread.currentThread().getName());
        return fake.predict(text);
      }
    }, 1, 4);
    int requests = 40;
    for (int i = 0; i < requests; i++) {
      assertThat(post("{\"text\": \"good " + i + "\"}").statusCode()).isEqualTo(200);
    }
    // One after another, each request finds the reader of the one before idle again, or nearly: a pool that grows
    // to its core size before it reuses a thread would have used a new one for each.
    assertThat(threads).hasSizeLessThan(requests / 2);
  }

  /** One worker, busy with a request that waits for {@code gate}; the request's answer is returned. */
  private CompletableFuture<HttpResponse<String>> oneWorkerBusy(CountDownLatch gate, int queue) throws Exception {
    FakePredictor slow = new FakePredictor(gate, 1);
    start(slow, 1, queue);
    CompletableFuture<HttpResponse<String>> inFlight = sendAsync("{\"text\": \"good\"}");
    assertThat(slow.entered.await(5, TimeUnit.SECONDS)).isTrue();
    return inFlight;
  }

  @Test
  void closeLetsARequestInFlightFinish() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> inFlight = oneWorkerBusy(gate, 1);
    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    Await.until("the server to begin closing", Duration.ofSeconds(10), server::isClosed);
    assertThat(closing).as("close waits for the request in flight").isNotDone();
    gate.countDown();
    assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    closing.get(10, TimeUnit.SECONDS);
  }

  @Test
  void stalledClientsDoNotKeepHealthChecksOrPredictionsWaiting() throws Exception {
    start(new FakePredictor(open(), 0), 2, 4);
    List<Socket> stalled = new ArrayList<>();
    try {
      // Each sends its headers, promises a body and never sends it: on loopback only, and closed by the test.
      for (int i = 0; i < 100; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.getOutputStream().write(("POST /prediction HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
            .getBytes(StandardCharsets.US_ASCII));
        stalled.add(s);
      }
      HttpClient patient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpResponse<String> health = patient.send(HttpRequest.newBuilder(uri("/health_check"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      HttpResponse<String> prediction = patient.send(HttpRequest.newBuilder(uri("/prediction"))
          .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"good\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(prediction.statusCode()).isEqualTo(200);
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  void aClientThatStallsMidRequestIsDisconnectedAfterTheRequestTimeout() throws Exception {
    start(new FakePredictor(open(), 0), 1, 1);
    long timeoutMs = server.requestTimeout().toMillis();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      // The JDK's timer checks once a second.
      s.setSoTimeout((int) timeoutMs + 5_000);
      s.getOutputStream().write("POST /prediction HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      // Disconnected within the socket's timeout (else readToEnd throws), with nothing sent.
      assertThat(readToEnd(s)).as("the server sends nothing to a request it never received").isEmpty();
    }
  }

  @Test
  void connectionsBeyondTheCapAreClosedAndServiceResumesWhenTheyGo() throws Exception {
    start(new FakePredictor(open(), 0), 1, 1);
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < server.maxConnections(); i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.getOutputStream().write("GET /health_check HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        held.add(s);
      }
      // Accepted after all of those (the backlog is first in, first out), so over the cap: closed unanswered.
      try (Socket over = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        over.setSoTimeout(5_000);
        over.getOutputStream().write("GET /health_check HTTP/1.1\r\nHost: x\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        assertThat(readToEnd(over)).isEmpty();
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    Await.until("a health check answered once the held connections went", Duration.ofSeconds(20),
        () -> healthStatus() == 200);
  }

  @Test
  void healthChecksAnswerWhileEveryWorkerIsBusy() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> busy = oneWorkerBusy(gate, 0);
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/health_check"))
        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    gate.countDown();
    assertThat(busy.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void aFailingModelIsAnswered500WithoutItsDetails() throws Exception {
    Predictor broken = new Predictor() {
      @Override
      public String modelId() {
        return "broken";
      }

      @Override
      public Prediction predict(String text) {
        throw new IllegalStateException("/secret/models/broken/head.json is missing");
      }
    };
    start(broken, 1, 1);
    HttpResponse<String> r = post("{\"text\": \"anything\"}");
    assertThat(r.statusCode()).isEqualTo(500);
    String message = JSON.readTree(r.body()).get("error").asText();
    assertThat(message).contains("internal error").doesNotContain("/secret").doesNotContain("Exception");
    assertThat(http.send(HttpRequest.newBuilder(uri("/health_check")).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(200);
  }

  /** Everything the server sends until it closes the connection. */
  /** The health check's status; 0 while the server turns connections away. */
  private int healthStatus() {
    try {
      return http.send(HttpRequest.newBuilder(uri("/health_check")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (java.io.IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String readToEnd(Socket s) throws java.io.IOException {
    try {
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (java.net.SocketException e) {
      return ""; // reset by the server: closed unanswered
    }
  }

  private CompletableFuture<HttpResponse<String>> sendAsync(String body) {
    return http.sendAsync(HttpRequest.newBuilder(uri("/prediction")).POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertError(HttpResponse<String> r, int status, String messagePart) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(JSON.readTree(r.body()).get("error").asText()).contains(messagePart);
  }
}
