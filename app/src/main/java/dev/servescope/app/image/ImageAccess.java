package dev.servescope.app.image;

/**
 * The engine's images, for inspecting and diffing them: each call connects to the engine and lets go of it after.
 * Throws {@code DockerUnavailableException} when there is no engine.
 */
public interface ImageAccess {

  /** Runs {@code work} on the engine's images and returns what it returns. */
  <T> T with(Work<T> work) throws Exception;

  /** Work on the images. */
  interface Work<T> {
    T run(ImageInspector inspector, ImageStore store) throws Exception;
  }
}
