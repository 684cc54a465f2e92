package dev.servescope.inference.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.servescope.inference.ModelLoadException;
import dev.servescope.inference.json.Json;
import dev.servescope.inference.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Optional {@code variant.json} in a model folder: what ServeScope knows about the model beyond its files, so a
 * folder exported from a built-in variant (into a Docker image, say) keeps its id, pooling and token limit. Every
 * field is optional.
 *
 * @param id variant id
 * @param family model family
 * @param description human-readable name
 * @param layers transformer layers
 * @param hiddenSize encoder width
 * @param precision weight precision
 * @param pooling how token vectors are pooled
 * @param maxTokens token limit
 * @param graphOptimizedBy the ONNX Runtime version that saved {@code model.onnx} already optimised, if one did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VariantDescriptor(
    String id,
    String family,
    String description,
    Integer layers,
    @JsonProperty("hidden_size") Integer hiddenSize,
    Precision precision,
    Pooling pooling,
    @JsonProperty("max_tokens") Integer maxTokens,
    @JsonProperty("graph_optimized_by") String graphOptimizedBy) {

  public static final String FILE_NAME = "variant.json";

  /** Room for the two special tokens and one of text. */
  static final int MIN_TOKENS = 3;

  /** Well past any BERT-family encoder's position table (512); a larger value is a typo, not a model. */
  static final int MAX_TOKENS = 8192;

  /** Jackson's mapper writes the file (the command line, an image build); a start only reads it, without one. */
  private static final class Writer {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  static VariantDescriptor of(ModelVariant v) {
    return new VariantDescriptor(v.id(), v.family(), v.description(), v.layers(), v.hiddenSize(), v.precision(),
        v.pooling(), v.maxTokens(), null);
  }

  /** The descriptor in {@code file}, or an empty one when there is no such file. */
  static VariantDescriptor read(Path file) {
    if (!Files.isRegularFile(file)) {
      return new VariantDescriptor(null, null, null, null, null, null, null, null, null);
    }
    VariantDescriptor d;
    try (InputStream in = Files.newInputStream(file)) {
      Object value = Json.read(in);
      if (!JsonObject.isObject(value)) {
        throw new IllegalArgumentException("not a JSON object");
      }
      JsonObject o = JsonObject.of(value);
      d = new VariantDescriptor(field(o, "id", String.class), field(o, "family", String.class),
          field(o, "description", String.class), field(o, "layers", Integer.class),
          field(o, "hidden_size", Integer.class), constant(o, "precision", Precision.class),
          constant(o, "pooling", Pooling.class), field(o, "max_tokens", Integer.class),
          field(o, "graph_optimized_by", String.class));
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelLoadException(file + " is not a valid " + FILE_NAME + ": " + e.getMessage(), e);
    }
    if (d.maxTokens() != null && (d.maxTokens() < MIN_TOKENS || d.maxTokens() > MAX_TOKENS)) {
      throw new ModelLoadException(file + ": max_tokens must be between " + MIN_TOKENS + " and " + MAX_TOKENS
          + " (BERT-family models take 512); found " + d.maxTokens());
    }
    return d;
  }

  /** A field of the given type, or null when it is missing or null; any other type is an error. */
  private static <T> T field(JsonObject o, String name, Class<T> type) {
    Object v = o.get(name);
    if (v == null || type.isInstance(v)) {
      return type.cast(v);
    }
    String kind = type == String.class ? "string" : "whole number";
    throw new IllegalArgumentException("\"" + name + "\" must be a " + kind + ", found " + v);
  }

  private static <E extends Enum<E>> E constant(JsonObject o, String name, Class<E> type) {
    String v = field(o, name, String.class);
    try {
      return v == null ? null : Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + name + "\" must be one of "
          + java.util.Arrays.toString(type.getEnumConstants()) + ", found \"" + v + "\"", e);
    }
  }

  /** This descriptor, saying that {@code model.onnx} was saved optimised by ONNX Runtime {@code version}. */
  VariantDescriptor optimizedBy(String version) {
    return new VariantDescriptor(id, family, description, layers, hiddenSize, precision, pooling, maxTokens, version);
  }

  void write(Path file) throws IOException {
    Writer.JSON.writeValue(file.toFile(), this);
  }
}
