package dev.servescope.app.ladder.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The probe of a service that speaks the Open Inference Protocol (KServe's v2: Triton, KServe, Seldon MLServer,
 * OpenVINO Model Server), from one line of a ladder file: {@code probe: {protocol: open-inference, model: NAME,
 * port: P}}. Health is the model's {@code ready}; a prediction is an {@code infer} with one {@code BYTES} input of one
 * text, marked {@code content_type: str} so that MLServer decodes it; the label is the first element of the output
 * named {@code output}, or of the first {@code BYTES} output.
 *
 * @param model the model's name, as in {@code /v2/models/NAME}
 * @param port where the service listens inside its container
 * @param input the input's name; null for {@value #DEFAULT_INPUT}
 * @param output the output holding the label; null for the first {@code BYTES} output
 */
public record OpenInferenceProbe(String model, int port, String input, String output) {
  /** What {@code protocol:} says. */
  public static final String PROTOCOL = "open-inference";
  public static final String DEFAULT_INPUT = "text";
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What is wrong with it, or empty. */
  public Optional<String> problem() {
    if (model == null || !MODEL.matcher(model).matches()) {
      return Optional.of("model: the model's name as in /v2/models/NAME (letters, digits, '.', '_' or '-'), found "
          + (model == null || model.isEmpty() ? "none" : "'" + model + "'"));
    }
    if (input != null && input.isBlank() || output != null && output.isBlank()) {
      return Optional.of("input: and output: name a tensor; leave them out for 'text' and the first BYTES output");
    }
    return probe().problem();
  }

  /** The probe it stands for. */
  public Probe probe() {
    String models = "/v2/models/" + model;
    return new Probe(port, models + "/ready", models + "/infer", "{\"inputs\": [{\"name\": "
        + quoted(input == null ? DEFAULT_INPUT : input) + ", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": ["
        + Probe.TEXT + "], \"parameters\": {\"content_type\": \"str\"}}]}", "/outputs/"
        + (output == null ? "[datatype=BYTES]" : "[name=" + output.replace("~", "~0").replace("/", "~1") + "]")
        + "/data/0");
  }

  /** As a ladder file writes it. */
  String yaml() {
    return "{protocol: " + PROTOCOL + ", model: " + RungDraft.quote(model) + ", port: " + port
        + (input == null ? "" : ", input: " + RungDraft.quote(input))
        + (output == null ? "" : ", output: " + RungDraft.quote(output)) + "}";
  }

  private static String quoted(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot quote a name as JSON", e);
    }
  }
}
