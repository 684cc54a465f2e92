package dev.servescope.inference.server;

import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Open Inference Protocol (KServe's v2 REST protocol, spoken by Triton, KServe, Seldon MLServer and OpenVINO Model
 * Server) over one text classifier: its documents and the checks of an inference request. The model is named by its
 * variant id; it takes one {@code BYTES} input, {@value #INPUT}, of one or more texts, and answers two outputs,
 * {@value #LABEL} ({@code BYTES}, one per text) and {@value #PROBABILITIES} ({@code FP32}, one row per text in the
 * head's label order, which the tensor's parameters name).
 */
final class OpenInference {
  static final String INPUT = "text";
  static final String LABEL = "label";
  static final String PROBABILITIES = "probabilities";
  /** The most texts one request may carry. */
  static final int MAX_BATCH = 64;
  private static final Set<String> OUTPUTS = Set.of(LABEL, PROBABILITIES);

  private final String model;
  private final String version;

  OpenInference(String model, String version) {
    this.model = model;
    this.version = version;
  }

  String model() {
    return model;
  }

  /** {@code GET /v2}: the server's metadata. */
  Map<String, Object> serverMetadata() {
    return Map.of("name", "servescope", "version", version, "extensions", List.of());
  }

  /** {@code GET /v2/models/{model}}: the model's metadata. */
  Map<String, Object> modelMetadata(List<String> labels) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", model);
    out.put("versions", List.of());
    out.put("platform", "onnxruntime_onnx");
    out.put("inputs", List.of(tensor(INPUT, "BYTES", List.of(-1))));
    Map<String, Object> probabilities = tensor(PROBABILITIES, "FP32", List.of(-1, labels.size()));
    probabilities.put("parameters", Map.of("labels", String.join(",", labels)));
    out.put("outputs", List.of(tensor(LABEL, "BYTES", List.of(-1)), probabilities));
    return out;
  }

  /** What an inference request asks: its texts, its id, and the outputs it wants (all when it names none). */
  record Request(String id, List<String> texts, List<String> outputs) {}

  /**
   * Checks a request body: one input named {@value #INPUT} of datatype {@code BYTES} whose shape matches its data of
   * strings, at most {@link #MAX_BATCH} of them, and outputs, if named, among this model's.
   */
  Request request(JsonObject body) throws Exchanges.BadRequest {
    List<Object> inputs = body.list("inputs");
    if (inputs.isEmpty()) {
      throw bad("no inputs: send \"inputs\": [{\"name\": \"text\", \"datatype\": \"BYTES\", \"shape\": [1],"
          + " \"data\": [\"...\"]}]");
    }
    if (inputs.size() > 1) {
      throw bad("model " + model + " takes one input, \"" + INPUT + "\"; the request has " + inputs.size());
    }
    JsonObject input = JsonObject.of(inputs.get(0));
    String name = input.string("name", "");
    if (!name.equals(INPUT)) {
      throw bad("unknown input \"" + name + "\": model " + model + "'s input is \"" + INPUT + "\"");
    }
    String datatype = input.string("datatype", "");
    if (!datatype.equals("BYTES")) {
      throw bad("input \"" + INPUT + "\" is BYTES (text), not " + (datatype.isEmpty() ? "missing" : datatype));
    }
    List<String> texts = new ArrayList<>();
    flatten(input.get("data"), texts);
    if (texts.isEmpty()) {
      throw bad("input \"" + INPUT + "\" has no data: give the texts as \"data\": [\"...\"]");
    }
    if (texts.size() > MAX_BATCH) {
      throw bad("at most " + MAX_BATCH + " texts per request, found " + texts.size());
    }
    long elements = shapeElements(input.get("shape"));
    if (elements != texts.size()) {
      throw bad("input \"" + INPUT + "\"'s shape holds " + elements + " elements but its data " + texts.size());
    }
    List<String> outputs = new ArrayList<>();
    for (Object o : body.list("outputs")) {
      String n = JsonObject.of(o).string("name", "");
      if (!OUTPUTS.contains(n)) {
        throw bad("unknown output \"" + n + "\": model " + model + " answers \"" + LABEL + "\" and \""
            + PROBABILITIES + "\"");
      }
      outputs.add(n);
    }
    return new Request(body.string("id", null), texts, outputs.isEmpty() ? List.of(LABEL, PROBABILITIES) : outputs);
  }

  /** The inference response: the outputs asked for, in the order asked. */
  Map<String, Object> response(Request request, List<Prediction> predictions) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model_name", model);
    if (request.id() != null) {
      out.put("id", request.id());
    }
    List<Object> tensors = new ArrayList<>();
    int n = predictions.size();
    for (String name : request.outputs()) {
      if (name.equals(LABEL)) {
        Map<String, Object> t = tensor(LABEL, "BYTES", List.of(n));
        t.put("data", predictions.stream().map(Prediction::label).toList());
        tensors.add(t);
      } else {
        List<String> labels = predictions.get(0).labels();
        Map<String, Object> t = tensor(PROBABILITIES, "FP32", List.of(n, labels.size()));
        List<Float> data = new ArrayList<>();
        for (Prediction p : predictions) {
          for (double v : p.probabilities()) {
            data.add((float) v);
          }
        }
        t.put("parameters", Map.of("labels", String.join(",", labels)));
        t.put("data", data);
        tensors.add(t);
      }
    }
    out.put("outputs", tensors);
    return out;
  }

  private static Map<String, Object> tensor(String name, String datatype, List<Integer> shape) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("name", name);
    t.put("datatype", datatype);
    t.put("shape", shape);
    return t;
  }

  /** Strings in row-major order, however nested (the protocol allows both flat and nested data). */
  private static void flatten(Object data, List<String> out) throws Exchanges.BadRequest {
    if (data == null) {
      return;
    }
    if (data instanceof List<?> list) {
      for (Object d : list) {
        if (out.size() > MAX_BATCH) {
          return;
        }
        flatten(d, out);
      }
    } else if (data instanceof String text) {
      out.add(text);
    } else {
      throw bad("input \"" + INPUT + "\"'s data are strings (BYTES), found " + kind(data));
    }
  }

  /** What a JSON value is, in JSON's words. */
  private static String kind(Object value) {
    return value instanceof Number ? "number" : value instanceof Boolean ? "boolean" : "object";
  }

  private static long shapeElements(Object shape) throws Exchanges.BadRequest {
    if (!(shape instanceof List<?> sizes) || sizes.isEmpty()) {
      throw bad("input \"" + INPUT + "\" needs a shape, such as [1]");
    }
    long n = 1;
    for (Object d : sizes) {
      if (!(d instanceof Integer || d instanceof Long) || ((Number) d).longValue() < 0) {
        throw bad("input \"" + INPUT + "\"'s shape is a list of sizes, found " + shape);
      }
      n = Math.multiplyExact(n, Math.min(((Number) d).longValue(), Integer.MAX_VALUE));
      if (n > Integer.MAX_VALUE) {
        return n;
      }
    }
    return n;
  }

  private static Exchanges.BadRequest bad(String message) {
    return new Exchanges.BadRequest(400, message);
  }
}
