package dev.servescope.inference.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Open Inference Protocol's endpoints over real sockets, with the fake predictor ("positive" on "good"). */
class OpenInferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INFER = "/v2/models/fake/infer";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private PredictionServer server;

  @BeforeEach
  void start() throws Exception {
    server = PredictionServer.start(new PredictionServerTest.FakePredictor(new CountDownLatch(0), 0),
        new ServerConfig(InetAddress.getLoopbackAddress(), 0, 2, 4, 4000));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String text(String data, String shape) {
    return "{\"inputs\": [{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": " + shape + ", \"data\": " + data
        + ", \"parameters\": {\"content_type\": \"str\"}}]}";
  }

  private static JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static void assertError(HttpResponse<String> r, int status, String messagePart) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(JSON.readTree(r.body()).get("error").asText()).contains(messagePart);
  }

  @Test
  void healthAndMetadataNameTheModelByItsVariantId() throws Exception {
    assertThat(ok(get("/v2/health/live")).get("live").asBoolean()).isTrue();
    assertThat(ok(get("/v2/health/ready")).get("ready").asBoolean()).isTrue();
    assertThat(ok(get("/v2/models/fake/ready")).get("ready").asBoolean()).isTrue();
    assertThat(ok(get("/v2")).get("name").asText()).isEqualTo("servescope");
    JsonNode model = ok(get("/v2/models/fake"));
    assertThat(model.get("name").asText()).isEqualTo("fake");
    assertThat(model.at("/inputs/0/name").asText()).isEqualTo("text");
    assertThat(model.at("/inputs/0/datatype").asText()).isEqualTo("BYTES");
    assertThat(model.at("/outputs/0/name").asText()).isEqualTo("label");
    assertThat(model.at("/outputs/1/datatype").asText()).isEqualTo("FP32");
  }

  @Test
  void anInferenceAnswersTheLabelAsBytesAndTheProbabilitiesAsFp32() throws Exception {
    JsonNode r = ok(post(INFER, "{\"id\": \"r1\", " + text("[\"a good film\"]", "[1]").substring(1)));
    assertThat(r.get("model_name").asText()).isEqualTo("fake");
    assertThat(r.get("id").asText()).isEqualTo("r1");
    assertThat(r.at("/outputs/0/name").asText()).isEqualTo("label");
    assertThat(r.at("/outputs/0/datatype").asText()).isEqualTo("BYTES");
    assertThat(r.at("/outputs/0/data/0").asText()).isEqualTo("positive");
    assertThat(r.at("/outputs/1/name").asText()).isEqualTo("probabilities");
    assertThat(r.at("/outputs/1/datatype").asText()).isEqualTo("FP32");
    assertThat(r.at("/outputs/1/shape").toString()).isEqualTo("[1,2]");
    assertThat(r.at("/outputs/1/data/1").asDouble()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.at("/outputs/1/parameters/labels").asText()).isEqualTo("negative,positive");
  }

  @Test
  void severalTextsFlatOrNestedGetOneRowEachAndOnlyTheOutputsAskedFor() throws Exception {
    JsonNode flat = ok(post(INFER, text("[\"good\", \"bad\"]", "[2]")));
    assertThat(flat.at("/outputs/0/data").toString()).isEqualTo("[\"positive\",\"negative\"]");
    assertThat(flat.at("/outputs/1/data").size()).isEqualTo(4);
    JsonNode nested = ok(post(INFER, text("[[\"bad\"], [\"good\"]]", "[2, 1]")));
    assertThat(nested.at("/outputs/0/data").toString()).isEqualTo("[\"negative\",\"positive\"]");
    String onlyProbabilities = text("[\"good\"]", "[1]").replaceFirst("}$", ", \"outputs\": [{\"name\":"
        + " \"probabilities\"}]}");
    JsonNode asked = ok(post(INFER, onlyProbabilities));
    assertThat(asked.get("outputs")).hasSize(1);
    assertThat(asked.at("/outputs/0/name").asText()).isEqualTo("probabilities");
  }

  @Test
  void badRequestsGetFourHundredsThatSayWhatIsWrong() throws Exception {
    assertError(post(INFER, "{not json"), 400, "not valid JSON");
    assertError(post(INFER, "{}"), 400, "no inputs");
    assertError(post(INFER, "{\"inputs\": []}"), 400, "no inputs");
    String one = "{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"good\"]}";
    assertError(post(INFER, "{\"inputs\": [" + one + ", " + one + "]}"), 400, "takes one input");
    assertError(post(INFER, text("[\"good\"]", "[1]").replace("BYTES", "FP32")), 400, "BYTES (text), not FP32");
    assertError(post(INFER, text("[\"good\"]", "[1]").replace("\"text\"", "\"sentence\"")), 400,
        "unknown input \"sentence\"");
    assertError(post(INFER, text("[0.5]", "[1]")), 400, "data are strings");
    assertError(post(INFER, text("[\"good\", \"bad\"]", "[1]")), 400, "shape holds 1 elements but its data 2");
    assertError(post(INFER, text("[\"good\"]", "\"one\"")), 400, "needs a shape");
    assertError(post(INFER, text("[\"   \"]", "[1]")), 400, "text is empty");
    assertError(post(INFER, text("[\"good\"]", "[1]").replaceFirst("}$", ", \"outputs\": [{\"name\": \"score\"}]}")),
        400, "unknown output \"score\"");
    assertError(post("/v2/models/other/infer", text("[\"good\"]", "[1]")), 404, "unknown model \"other\"");
    assertError(get("/v2/models/other"), 404, "unknown model");
    assertError(get(INFER), 405, "use POST");
    assertError(post("/v2/health/ready", "{}"), 405, "use GET");
    assertError(post("/v2/models/fake/versions/1/infer", text("[\"good\"]", "[1]")), 404,
        "no model versions: use /v2/models/fake/infer");
    assertError(get("/v2/models/fake/explain"), 404, "no such endpoint");
    assertError(post(INFER, text("[\"" + "a".repeat(5000) + "\"]", "[1]")), 413, "larger than 4000 bytes");
    // Still answering after all of that.
    assertThat(post(INFER, text("[\"good\"]", "[1]")).statusCode()).isEqualTo(200);
  }
}
