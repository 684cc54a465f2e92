package dev.servescope.app.ladder.file;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * How to talk to a rung's service: where it listens, how to ask whether it is ready, how to ask for a prediction and
 * where the label is in the answer. ServeScope's own API is {@link #SERVESCOPE}.
 *
 * @param port the port the service listens on inside its container
 * @param health path of a GET that answers 2xx once the service is ready
 * @param predict path of the POST that classifies
 * @param request the POST body; {@code ${text}} becomes the JSON-quoted sentence
 * @param label JSON Pointer to the label in the answer; null when the answer has none (agreement is then skipped)
 */
public record Probe(int port, String health, String predict, String request, String label) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Where the sentence goes in {@link #request}. */
  public static final String TEXT = "${text}";

  /** ServeScope's prediction API on 8080. */
  public static final Probe SERVESCOPE = new Probe(8080, "/health_check", "/prediction", "{\"text\": ${text}}",
      "/label");

  /** A probe block in a ladder file: what it leaves out is ServeScope's, but a label only if it names one. */
  static Probe of(Integer port, String health, String predict, String request, String label) {
    return new Probe(port == null ? SERVESCOPE.port : port, health == null ? SERVESCOPE.health : health,
        predict == null ? SERVESCOPE.predict : predict, request == null ? SERVESCOPE.request : request, label);
  }

  /**
   * What is wrong with this probe, or empty.
   */
  public Optional<String> problem() {
    if (port < 1 || port > 65535) {
      return Optional.of("port must be 1 to 65535, found " + port);
    }
    if (!health.startsWith("/") || !predict.startsWith("/")) {
      return Optional.of("health and predict must be paths starting with '/'");
    }
    if (!request.contains(TEXT)) {
      return Optional.of("request must contain " + TEXT + " where the sentence goes");
    }
    try {
      JSON.readTree(body("a sample"));
    } catch (JsonProcessingException e) {
      return Optional.of("request is not JSON once " + TEXT + " is filled in: " + e.getOriginalMessage());
    }
    if (label != null) {
      try {
        JsonPointer.compile(label);
      } catch (IllegalArgumentException e) {
        return Optional.of("label must be a JSON Pointer such as /label or /result/0/label: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** The request body for one sentence. */
  public String body(String text) {
    try {
      return request.replace(TEXT, JSON.writeValueAsString(text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot quote a sentence as JSON", e);
    }
  }

  /** The label in an answer (a string or a number), if the probe names one and the answer has it. */
  public Optional<String> labelOf(String answer) {
    return dev.servescope.app.load.JsonLabel.at(label, answer);
  }
}
