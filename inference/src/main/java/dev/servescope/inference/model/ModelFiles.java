package dev.servescope.inference.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A variant's files on the local file system, ready to load.
 *
 * @param variant the variant they belong to
 * @param onnx the ONNX model
 * @param tokenizer the HuggingFace {@code tokenizer.json}
 * @param head a {@code head.json} next to a user model, if any (built-in heads come from the classpath)
 * @param graphOptimizedBy the ONNX Runtime version that saved {@code onnx} with its graph optimisations already
 *     applied ({@link ModelOptimizer}), if it did
 */
public record ModelFiles(ModelVariant variant, Path onnx, Path tokenizer, Optional<Path> head,
    Optional<String> graphOptimizedBy) {

  /** Files as published: the graph not yet optimised. */
  public ModelFiles(ModelVariant variant, Path onnx, Path tokenizer, Optional<Path> head) {
    this(variant, onnx, tokenizer, head, Optional.empty());
  }
}
