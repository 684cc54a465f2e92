package dev.servescope.app.cli;

import dev.servescope.app.image.ImageAccess;
import dev.servescope.app.image.ImageInspector;
import java.io.PrintWriter;
import java.util.function.LongConsumer;

/** What {@code inspect} and {@code diff} share: the engine's images, the output formats, progress. */
final class ImageCommands {
  private ImageCommands() {}

  /** Work on the engine's images. */
  interface Work<T> {
    T run(ImageInspector inspector, LongConsumer progress) throws Exception;
  }

  static <T> T withInspector(ImageAccess images, PrintWriter err, Work<T> work) throws Exception {
    return images.with((inspector, store) -> {
      long[] last = {System.nanoTime()};
      LongConsumer progress = bytes -> {
        if (System.nanoTime() - last[0] > 2_000_000_000L) {
          last[0] = System.nanoTime();
          err.printf("read %.0f MB%n", bytes / 1e6);
          err.flush();
        }
      };
      return work.run(inspector, progress);
    });
  }

  /** Rejects any output format but JSON and text. */
  static void checkFormat(String format) {
    if (!format.equals("json") && !format.equals("text")) {
      throw new IllegalArgumentException("--format must be json or text");
    }
  }

}
