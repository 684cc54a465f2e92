package dev.servescope.inference.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One runnable model: an ONNX encoder, its tokenizer and the classification head that goes on top.
 *
 * @param id stable id used on the command line and in reports, e.g. {@code minilm-l6-int8}
 * @param family the model family; variants of one family share a head
 * @param description human-readable name
 * @param layers transformer layers, 0 when unknown
 * @param hiddenSize width of the encoder output
 * @param precision weight precision
 * @param pooling how token vectors are pooled for this family
 * @param maxTokens longest input the model accepts, special tokens included
 * @param source where the files come from
 */
public record ModelVariant(
    String id,
    String family,
    String description,
    int layers,
    int hiddenSize,
    Precision precision,
    Pooling pooling,
    int maxTokens,
    ModelSource source) {

  public ModelVariant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(pooling, "pooling");
    Objects.requireNonNull(source, "source");
    if (maxTokens < 3) {
      throw new IllegalArgumentException("maxTokens must leave room for text and two special tokens: " + maxTokens);
    }
  }

  /** The classpath resource of the family's committed head, if this variant is built in. */
  public Optional<String> builtInHeadResource() {
    return source instanceof ModelSource.Classpath ? Optional.of(ModelCatalog.headResource(family)) : Optional.empty();
  }
}
