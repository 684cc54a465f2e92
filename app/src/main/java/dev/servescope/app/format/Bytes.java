package dev.servescope.app.format;

import java.util.Locale;

/** Byte counts as people read them, the same in the command line and the window. */
public final class Bytes {
  private Bytes() {}

  /** {@code 1.90 GB}, {@code 126.3 MB}, {@code 4.2 kB}, {@code 12 B} (decimal units, as the engine counts). */
  public static String text(long bytes) {
    long a = Math.abs(bytes);
    String body = a >= 1_000_000_000 ? String.format(Locale.ROOT, "%.2f GB", a / 1e9)
        : a >= 1_000_000 ? String.format(Locale.ROOT, "%.1f MB", a / 1e6)
        : a >= 1_000 ? String.format(Locale.ROOT, "%.1f kB", a / 1e3) : a + " B";
    return bytes < 0 ? "-" + body : body;
  }

  /** A change: {@code +23.0 MB}, {@code -90.4 MB}, {@code 0 B}. */
  public static String signed(long bytes) {
    return (bytes > 0 ? "+" : "") + text(bytes);
  }
}
