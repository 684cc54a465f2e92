package dev.servescope.inference.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.servescope.inference.ModelLoadException;
import java.io.IOException;
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

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

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
    try {
      d = JSON.readValue(file.toFile(), VariantDescriptor.class);
    } catch (IOException e) {
      throw new ModelLoadException(file + " is not a valid " + FILE_NAME + ": " + e.getMessage(), e);
    }
    if (d.maxTokens() != null && (d.maxTokens() < MIN_TOKENS || d.maxTokens() > MAX_TOKENS)) {
      throw new ModelLoadException(file + ": max_tokens must be between " + MIN_TOKENS + " and " + MAX_TOKENS
          + " (BERT-family models take 512); found " + d.maxTokens());
    }
    return d;
  }

  /** This descriptor, saying that {@code model.onnx} was saved optimised by ONNX Runtime {@code version}. */
  VariantDescriptor optimizedBy(String version) {
    return new VariantDescriptor(id, family, description, layers, hiddenSize, precision, pooling, maxTokens, version);
  }

  void write(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }
}
