package dev.servescope.app.ladder.measure;

import java.io.IOException;

/**
 * Serves models to containers that download theirs when they start (the "download at start" versions), from where
 * the run's placement puts them: see {@link LoadPlacement#models}.
 */
public interface ModelHosting extends AutoCloseable {

  /**
   * Makes a model available and says where containers fetch it.
   *
   * @return the URL a container reads from {@code MODEL_URL}
   */
  String publish(String modelId) throws IOException;

  @Override
  void close();

  /** Writes a model's folder (its ONNX file, tokenizer and head) on this machine, for a hosting to serve. */
  @FunctionalInterface
  interface Export {
    /**
     * @param folder where the model's files go; made when missing
     */
    void to(String modelId, java.nio.file.Path folder) throws IOException;
  }
}
