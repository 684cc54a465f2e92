package dev.servescope.inference.classify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.servescope.inference.ModelLoadException;
import dev.servescope.inference.json.Json;
import dev.servescope.inference.json.JsonObject;
import dev.servescope.inference.model.Pooling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A linear classifier over a sentence embedding: {@code logits = W x + b}. Stored as {@code head.json}.
 *
 * @param labels class names, one per row of {@code weights}
 * @param pooling the pooling the head was trained on
 * @param normalize whether the pooled vector is L2-normalised before the head
 * @param weights one row per label, each as long as the embedding
 * @param bias one value per label
 * @param training how the head was made (data, regularisation, dev accuracy, the command); informational
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinearHead(
    List<String> labels,
    Pooling pooling,
    boolean normalize,
    float[][] weights,
    float[] bias,
    @JsonProperty("training") Map<String, Object> training) {

  /** Jackson's mapper writes the file (the command line, an image build); a start only reads it, without one. */
  private static final class Writer {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  public LinearHead {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(bias, "bias");
    Objects.requireNonNull(pooling, "pooling");
    if (labels.size() < 2 || weights.length != labels.size() || bias.length != labels.size()) {
      throw new IllegalArgumentException("head needs one weight row and one bias per label (" + labels.size()
          + " labels, " + weights.length + " rows, " + bias.length + " biases)");
    }
    for (float[] row : weights) {
      if (row.length != weights[0].length) {
        throw new IllegalArgumentException("weight rows differ in length");
      }
    }
  }

  /** Length of the embedding this head expects. */
  public int inputSize() {
    return weights[0].length;
  }

  /** {@code W x + b}. */
  public double[] logits(float[] x) {
    if (x.length != inputSize()) {
      throw new IllegalArgumentException("embedding has " + x.length + " values, head expects " + inputSize());
    }
    double[] out = new double[weights.length];
    for (int k = 0; k < weights.length; k++) {
      double z = bias[k];
      float[] w = weights[k];
      for (int i = 0; i < x.length; i++) {
        z += (double) w[i] * x[i];
      }
      out[k] = z;
    }
    return out;
  }

  /**
   * The two-class head equivalent to binary logistic regression {@code P(positive) = sigmoid(w.x + b)}: rows
   * {@code -w/2} and {@code +w/2}, so that the softmax of the two logits equals the sigmoid.
   */
  public static LinearHead binary(double[] w, double b, Pooling pooling, boolean normalize,
      Map<String, Object> training) {
    float[] neg = new float[w.length];
    float[] pos = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      neg[i] = (float) (-w[i] / 2);
      pos[i] = (float) (w[i] / 2);
    }
    return new LinearHead(List.of("negative", "positive"), pooling, normalize, new float[][] {neg, pos},
        new float[] {(float) (-b / 2), (float) (b / 2)}, training);
  }

  /** Reads a head file; the message names the file on any failure. */
  public static LinearHead read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new ModelLoadException("cannot read head " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a head from a stream; {@code name} is used in messages. Read with the streaming parser ({@link Json}), not
   * the object mapper, as it is on every server's start path.
   */
  public static LinearHead read(InputStream in, String name) {
    try {
      Object value = Json.read(in);
      if (!JsonObject.isObject(value)) {
        throw new IllegalArgumentException("not a JSON object");
      }
      JsonObject o = JsonObject.of(value);
      List<String> labels = new ArrayList<>();
      for (Object label : required(o, "labels")) {
        labels.add(label instanceof String s ? s : fail("labels are strings, found " + label));
      }
      List<Object> rows = required(o, "weights");
      float[][] weights = new float[rows.size()][];
      for (int k = 0; k < weights.length; k++) {
        weights[k] = floats(rows.get(k) instanceof List<?> row ? row : List.of(), "weights[" + k + "]");
      }
      Object pooling = o.get("pooling");
      return new LinearHead(labels, pooling instanceof String p ? Pooling.valueOf(p) : fail("no pooling"),
          o.bool("normalize", false), weights, floats(required(o, "bias"), "bias"),
          JsonObject.isObject(o.get("training")) ? o.object("training").fields() : null);
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelLoadException("head " + name + " is not a valid head.json: " + e.getMessage(), e);
    }
  }

  private static List<Object> required(JsonObject o, String field) {
    return o.get(field) instanceof List<?> ? o.list(field) : fail("no list \"" + field + "\"");
  }

  private static float[] floats(List<?> values, String what) {
    if (values.isEmpty()) {
      fail(what + " is empty or not a list");
    }
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      // Parsed as a double and rounded once to float: LinearHeadTest checks both built-in heads read bit for bit.
      Object v = values.get(i);
      out[i] = v instanceof Number n ? n.floatValue() : fail(what + " holds numbers, found " + v);
    }
    return out;
  }

  private static <T> T fail(String message) {
    throw new IllegalArgumentException(message);
  }

  /** Writes the head as indented JSON. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Writer.JSON.writeValue(file.toFile(), this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearHead h && labels.equals(h.labels) && pooling == h.pooling && normalize == h.normalize
        && java.util.Arrays.deepEquals(weights, h.weights) && java.util.Arrays.equals(bias, h.bias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(labels, pooling, normalize, java.util.Arrays.deepHashCode(weights),
        java.util.Arrays.hashCode(bias));
  }

  @Override
  public String toString() {
    return "LinearHead[" + labels + ", " + pooling + ", in=" + inputSize() + "]";
  }
}
