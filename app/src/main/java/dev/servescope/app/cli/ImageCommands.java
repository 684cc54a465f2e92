package dev.servescope.app.cli;

import dev.servescope.app.image.ImageInspector;
import dev.servescope.app.image.ImageStore;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.LadderVersion;
import dev.servescope.app.wiring.Services;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;

/** What {@code inspect} and {@code diff} share: the engine's images, rung names, sizes as text, progress. */
final class ImageCommands {
  private ImageCommands() {}

  /** Work on the engine's images. */
  interface Work<T> {
    T run(ImageInspector inspector, LongConsumer progress) throws Exception;
  }

  static <T> T withInspector(PrintWriter err, Work<T> work) throws Exception {
    try (ContainerEngine engine = Services.standard().engines().get()) {
      if (!(engine instanceof ImageStore store)) {
        throw new IllegalStateException("this engine cannot stream its images");
      }
      long[] last = {System.nanoTime()};
      LongConsumer progress = bytes -> {
        if (System.nanoTime() - last[0] > 2_000_000_000L) {
          last[0] = System.nanoTime();
          err.printf("read %.0f MB%n", bytes / 1e6);
          err.flush();
        }
      };
      return work.run(new ImageInspector(store), progress);
    }
  }

  /** A built-in rung's id ({@code v5}) names its image; anything else is an image reference. */
  static String ref(String nameOrRung) {
    return LadderVersion.ALL.stream().filter(v -> v.id().equals(nameOrRung)).findFirst().map(LadderVersion::tag)
        .orElse(nameOrRung);
  }

  /** {@code 126.3 MB}, {@code 4.2 kB}, {@code 12 B}; signed when asked. */
  static String bytes(long n, boolean signed) {
    String sign = signed && n > 0 ? "+" : n < 0 ? "-" : "";
    long a = Math.abs(n);
    String body = a >= 1_000_000 ? String.format(Locale.ROOT, "%.1f MB", a / 1e6)
        : a >= 1_000 ? String.format(Locale.ROOT, "%.1f kB", a / 1e3) : a + " B";
    return sign + body;
  }
}
