package dev.servescope.app.ladder.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.load.AgentJob;
import dev.servescope.app.load.HttpConnection;
import dev.servescope.app.load.LoadAgent;
import dev.servescope.app.load.LoadGenerator;
import dev.servescope.app.load.Phases;
import dev.servescope.app.load.Readiness;
import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.classify.Predictor;
import dev.servescope.inference.classify.Timings;
import dev.servescope.inference.server.PredictionServer;
import dev.servescope.inference.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sidecar's agent run in this process against a real server on 127.0.0.1, and its answers read back the way the
 * runner reads them from the container: the protocol both sides of {@code docker exec} rely on.
 */
class SidecarProtocolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private PredictionServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static final Predictor PREDICTOR = new Predictor() {
    @Override
    public String modelId() {
      return "fake";
    }

    @Override
    public Prediction predict(String text) {
      if (text.isBlank()) {
        throw new dev.servescope.inference.InvalidInputException("text is empty");
      }
      String label = text.contains("bad") ? "negative" : "positive";
      return new Prediction("fake", label, 0.9, List.of("negative", "positive"), new double[] {0.1, 0.9}, false, 5,
          new Timings(1, 1, 1, 3));
    }
  };

  private AgentJob job(List<String> ask) throws Exception {
    server = PredictionServer.start(PREDICTOR, ServerConfig.loopback(0, 2));
    Probe p = Probe.SERVESCOPE;
    return new AgentJob(server.port(), p.health(), p.predict(), p.label(), List.of(p.body("good film")), ask);
  }

  private static <T> T roundTrip(AgentJob job, TypeReference<T> type, String... args) throws Exception {
    return roundTrip(job, type, new ByteArrayOutputStream(), args);
  }

  /** The agent's answer read back as the runner reads it; {@code progress} gets the lines before it. */
  private static <T> T roundTrip(AgentJob job, TypeReference<T> type, ByteArrayOutputStream progress, String... args)
      throws Exception {
    Object answer = LoadAgent.run(job, args, new PrintStream(progress, true, StandardCharsets.UTF_8));
    if (args[0].equals("ready")) {
      assertThat(progress.toString(StandardCharsets.UTF_8).strip()).isEqualTo(LoadAgent.WATCHING);
    }
    return SidecarDriver.parse(JSON.writeValueAsString(answer), type);
  }

  @Test
  void theSidecarsEntryPointIsAProgram() throws Exception {
    assertThat(Class.forName(LoadAgent.MAIN_CLASS).getMethod("main", String[].class)).isNotNull();
  }

  @Test
  void readinessCarriesItsMilestonesInOrder() throws Exception {
    Readiness r = roundTrip(job(List.of()), new TypeReference<>() {}, "ready", "5000");

    assertThat(r.ready()).isTrue();
    assertThat(r.listeningNanos()).isNotNull();
    assertThat(r.healthyNanos()).isGreaterThanOrEqualTo(r.listeningNanos());
    assertThat(r.answeredNanos()).isGreaterThanOrEqualTo(r.healthyNanos());
    assertThat(r.unlabelled()).isNull();
  }

  @Test
  void loadResultsAndAnswersComeBackWhole() throws Exception {
    Probe p = Probe.SERVESCOPE;
    AgentJob job = job(List.of(p.body("a bad film"), p.body(" "), p.body("good")));

    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Phases phases = roundTrip(job, new TypeReference<>() {}, progress, "measure", "200", "2", "40", "500");
    assertThat(progress.toString(StandardCharsets.UTF_8).lines()).containsExactly("phase warmup", "phase latency",
        "phase throughput");
    assertThat(phases.latency().sent()).isEqualTo(20);
    assertThat(phases.latency().errors()).isZero();
    assertThat(phases.latency().latency().count()).isEqualTo(20);
    assertThat(phases.latency().latency().p99()).isPositive();
    assertThat(phases.throughput().throughput()).isPositive();

    LoadGenerator.ClosedLoopResult closed = roundTrip(job, new TypeReference<>() {}, "closed-loop", "2", "300",
        "100");
    assertThat(closed.throughput()).isPositive();

    List<HttpConnection.Response> answers = roundTrip(job, new TypeReference<>() {}, "answers");
    assertThat(answers).extracting(HttpConnection.Response::statusCode).containsExactly(200, 400, 200);
    assertThat(answers).extracting(a -> p.labelOf(a.body()).orElse(null))
        .containsExactly("negative", null, "positive");
  }

  @Test
  void aServiceThatNeverListensIsNotReadyAndSaysNothingAnswered() throws Exception {
    AgentJob job = job(List.of());
    server.close();
    server = null;
    Readiness r = roundTrip(job, new TypeReference<>() {}, "ready", "300");

    assertThat(r.ready()).isFalse();
    assertThat(r.listeningNanos()).isNull();
    assertThat(r.lastAnswer()).isNull();
  }
}
