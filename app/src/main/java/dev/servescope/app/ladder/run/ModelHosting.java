package dev.servescope.app.ladder.run;

import java.io.IOException;
import java.nio.file.Path;

/** Serves models to containers that download theirs when they start (the "download at start" versions). */
public interface ModelHosting extends AutoCloseable {

  /**
   * Makes a model available and says where containers fetch it.
   *
   * @return the URL a container reads from {@code MODEL_URL}
   */
  String publish(String modelId) throws IOException;

  @Override
  void close();

  /** Starts a hosting for one run. */
  interface Factory {
    /**
     * @param workDir the run's scratch folder, removed when the run ends
     */
    ModelHosting start(Path workDir) throws IOException;
  }
}
