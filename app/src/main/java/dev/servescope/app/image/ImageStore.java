package dev.servescope.app.image;

import dev.servescope.app.ladder.LayerSize;
import java.io.InputStream;
import java.util.List;

/** Where images are read from: a container engine's local images. */
public interface ImageStore {

  /** Whether the engine has this image. */
  boolean imageExists(String ref);

  /** The image as {@code docker save} streams it; the caller closes the stream. */
  InputStream saveImage(String ref);

  /** Image size in bytes, as {@code docker image ls} shows it. */
  long imageSize(String ref);

  /** The image's history, newest first: one entry per instruction, with the size of the layer it made. */
  List<LayerSize> history(String ref);
}
