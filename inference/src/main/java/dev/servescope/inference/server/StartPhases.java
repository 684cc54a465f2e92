package dev.servescope.inference.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A server's start as it saw it from inside the JVM: named moments ({@link System#nanoTime()} readings) told as
 * milliseconds since the JVM started (its uptime), in the order they happened. The ladder times a container from
 * outside (created, started, model loaded, listening); this says where the JVM's share went: {@code main} (the JVM
 * booted and loaded the entry point), {@code variant} (the model folder's descriptor read), {@code runtime} (ONNX
 * Runtime's native library loaded), {@code tokenizer}, {@code session} (the graph read and built), {@code model}
 * (everything a prediction needs), {@code listening}.
 */
final class StartPhases {
  private final List<Map.Entry<String, Long>> moments = new ArrayList<>();

  /** Records a moment now. */
  StartPhases mark(String name) {
    return mark(name, System.nanoTime());
  }

  /** Records a moment read earlier, maybe on another thread. */
  StartPhases mark(String name, long nanoTime) {
    moments.add(Map.entry(name, nanoTime));
    return this;
  }

  /**
   * The moments as {@code main 88, runtime 231, ...}: each one's milliseconds since the JVM started (its uptime),
   * earliest first.
   *
   * @param nowNanos a {@link System#nanoTime()} reading
   * @param uptimeMs the JVM's uptime at that reading
   */
  String line(long nowNanos, long uptimeMs) {
    long jvmStart = nowNanos - uptimeMs * 1_000_000;
    StringBuilder b = new StringBuilder();
    moments.stream().sorted(Comparator.comparingLong(Map.Entry::getValue)).forEach(m -> {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(m.getKey()).append(' ').append(Math.max(0, (m.getValue() - jvmStart) / 1_000_000));
    });
    return b.toString();
  }
}
