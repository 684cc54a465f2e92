package dev.servescope.app.image;

/** The instruction that made a layer, as an image's history records it, made readable. */
public final class Instructions {
  private Instructions() {}

  /** {@code /bin/sh -c #(nop)  ENV A=1} as {@code ENV A=1}; {@code /bin/sh -c apt-get ...} as {@code RUN apt-get}. */
  public static String readable(String createdBy) {
    return createdBy.replaceFirst("^/bin/sh -c #\\(nop\\)\\s*", "").replaceFirst("^/bin/sh -c ", "RUN ");
  }

  /** One line for a list; the imported base's empty instruction gets a name. */
  public static String label(String createdBy) {
    return createdBy.isBlank() ? "(base image, imported)" : readable(createdBy).replaceAll("\\s+", " ").strip();
  }
}
