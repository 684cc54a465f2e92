package dev.servescope.app.ladder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.inference.classify.Predictor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A sentiment service that is not ServeScope's: {@code GET /healthz}, {@code POST /v1/classify} with
 * {@code {"inputs": "..."}}, answering {@code {"result": {"sentiment": "POS"}}}. Its faults are scripted.
 */
public final class ForeignService implements AutoCloseable {
  public static final Probe PROBE = new Probe(9000, "/healthz", "/v1/classify", "{\"inputs\": ${text}}",
      "/result/sentiment");
  public static final Map<String, String> LABELS = Map.of("POS", "positive", "NEG", "negative");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How the service misbehaves. */
  public enum Fault { NONE, NEVER_HEALTHY, NO_LABEL, EVERYTHING_POSITIVE }

  private final HttpServer server;

  public ForeignService(Predictor predictor, Fault fault) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/healthz", ex -> reply(ex, fault == Fault.NEVER_HEALTHY ? 503 : 200, "{\"ok\": true}"));
    server.createContext("/v1/classify", ex -> {
      try {
        String text = JSON.readTree(ex.getRequestBody().readAllBytes()).path("inputs").asText();
        String label = fault == Fault.EVERYTHING_POSITIVE ? "positive" : predictor.predict(text).label();
        String sentiment = label.toUpperCase(Locale.ROOT).substring(0, 3);
        reply(ex, 200, fault == Fault.NO_LABEL ? "{\"result\": {\"score\": 0.9}}"
            : "{\"result\": {\"sentiment\": \"" + sentiment + "\"}}");
      } catch (RuntimeException e) {
        reply(ex, 400, "{\"error\": \"bad request\"}");
      }
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
