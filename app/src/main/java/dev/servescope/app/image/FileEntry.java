package dev.servescope.app.image;

/**
 * One entry of a layer: what the layer's tar says about one path.
 *
 * @param path the path without a leading {@code /} or {@code ./} and without a trailing {@code /}
 * @param kind what the entry is
 * @param size a regular file's bytes; 0 for everything else (a hard link's bytes belong to its target)
 * @param link a symlink's or hard link's target; null otherwise
 * @param crc a checksum of a regular file's content (0 for others): two images' files of the same size differ when
 *     it differs
 */
public record FileEntry(String path, Kind kind, long size, String link, long crc) {

  /** Entry kinds, whiteouts included. */
  public enum Kind {
    FILE, DIR, SYMLINK, HARDLINK, OTHER,
    /** {@code .wh.NAME}: {@code path} (NAME in its folder) is deleted from the layers below. */
    WHITEOUT,
    /** {@code .wh..wh..opq} in a folder: everything the layers below have in {@code path} (the folder) is hidden. */
    OPAQUE
  }

  static final String WHITEOUT_PREFIX = ".wh.";
  static final String OPAQUE_MARKER = ".wh..wh..opq";

  /** A tar entry name as a path: no leading {@code ./} or {@code /}, no trailing {@code /}. */
  static String normalize(String name) {
    String p = name;
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.equals(".") ? "" : p;
  }

  /** Whether {@code path} is {@code folder} itself or inside it. */
  static boolean within(String path, String folder) {
    return folder.isEmpty() || path.equals(folder) || path.startsWith(folder) && path.charAt(folder.length()) == '/';
  }

  public boolean isDir() {
    return kind == Kind.DIR;
  }
}
