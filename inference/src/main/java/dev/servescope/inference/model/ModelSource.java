package dev.servescope.inference.model;

import java.nio.file.Path;

/** Where a variant's files live. */
public sealed interface ModelSource {

  /**
   * Files shipped inside a Maven model jar on the classpath.
   *
   * @param onnxResource resource name of the ONNX file
   * @param tokenizerResource resource name of {@code tokenizer.json}
   * @param artifact the Maven coordinates that ship it, for messages and docs
   */
  record Classpath(String onnxResource, String tokenizerResource, String artifact) implements ModelSource {}

  /**
   * A user folder with {@code model.onnx}, {@code tokenizer.json} and optionally {@code head.json}.
   *
   * @param dir the folder
   */
  record Directory(Path dir) implements ModelSource {}
}
