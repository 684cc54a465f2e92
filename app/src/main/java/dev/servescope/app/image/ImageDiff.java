package dev.servescope.app.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between two images' file systems as a container sees them: per file added, removed or changed (by size
 * or content), with sums per folder and per category. Field names are the report's JSON.
 *
 * @param from the first image
 * @param to the second
 * @param fromBytes the first image's visible file bytes
 * @param toBytes the second's
 * @param changes every file that differs, biggest change first
 * @param folders the change in bytes per folder (two levels deep), biggest change first
 * @param categories the change in bytes per category
 */
public record ImageDiff(
    String from,
    String to,
    @JsonProperty("from_bytes") long fromBytes,
    @JsonProperty("to_bytes") long toBytes,
    List<Change> changes,
    Map<String, Long> folders,
    Map<String, Long> categories) {

  /**
   * One file that differs.
   *
   * @param path the path, from the root
   * @param change {@code added}, {@code removed} or {@code changed}
   * @param fromBytes its bytes in the first image (0 when added)
   * @param toBytes its bytes in the second (0 when removed)
   */
  public record Change(String path, String change, @JsonProperty("from_bytes") long fromBytes,
      @JsonProperty("to_bytes") long toBytes) {}

  /** The change in visible bytes, to minus from. */
  @JsonProperty("delta_bytes")
  public long deltaBytes() {
    return toBytes - fromBytes;
  }

  /** Compares two stacked views. */
  public static ImageDiff of(String from, FileSystemView a, String to, FileSystemView b) {
    Map<String, FileSystemView.Node> left = a.visible();
    Map<String, FileSystemView.Node> right = b.visible();
    Set<String> paths = new TreeSet<>();
    collectFiles(left, paths);
    collectFiles(right, paths);
    List<Change> changes = new ArrayList<>();
    Map<String, Long> fromFiles = a.fileBytes();
    Map<String, Long> toFiles = b.fileBytes();
    for (String p : paths) {
      FileSystemView.Node x = file(left.get(p));
      FileSystemView.Node y = file(right.get(p));
      if (x == null) {
        changes.add(new Change("/" + p, "added", 0, y.bytes()));
      } else if (y == null) {
        changes.add(new Change("/" + p, "removed", x.bytes(), 0));
      } else if (differ(x, y)) {
        changes.add(new Change("/" + p, "changed", x.bytes(), y.bytes()));
      }
    }
    changes.sort((c1, c2) -> {
      int bySize = Long.compare(Math.abs(c2.toBytes() - c2.fromBytes()), Math.abs(c1.toBytes() - c1.fromBytes()));
      return bySize != 0 ? bySize : c1.path().compareTo(c2.path());
    });
    return new ImageDiff(from, to, sum(fromFiles), sum(toFiles), List.copyOf(changes),
        sortedDelta(ImageAnalysis.folderSizes(fromFiles, 2), ImageAnalysis.folderSizes(toFiles, 2)),
        delta(ImageAnalysis.categories(fromFiles), ImageAnalysis.categories(toFiles)));
  }

  private static void collectFiles(Map<String, FileSystemView.Node> view, Set<String> into) {
    view.forEach((p, n) -> {
      if (!n.entry().isDir()) {
        into.add(p);
      }
    });
  }

  private static FileSystemView.Node file(FileSystemView.Node n) {
    return n == null || n.entry().isDir() ? null : n;
  }

  private static boolean differ(FileSystemView.Node x, FileSystemView.Node y) {
    FileEntry a = x.entry();
    FileEntry b = y.entry();
    if (a.kind() != b.kind() || x.bytes() != y.bytes()) {
      return true;
    }
    return switch (a.kind()) {
      case FILE -> a.crc() != b.crc();
      case SYMLINK, HARDLINK -> !java.util.Objects.equals(a.link(), b.link());
      default -> false;
    };
  }

  private static long sum(Map<String, Long> files) {
    return files.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<String, Long> delta(Map<String, Long> from, Map<String, Long> to) {
    Map<String, Long> out = new LinkedHashMap<>();
    from.forEach((k, v) -> out.put(k, to.getOrDefault(k, 0L) - v));
    to.forEach(out::putIfAbsent);
    return out;
  }

  private static Map<String, Long> sortedDelta(Map<String, Long> from, Map<String, Long> to) {
    Map<String, Long> out = new LinkedHashMap<>();
    delta(from, to).entrySet().stream().filter(e -> e.getValue() != 0)
        .sorted((e1, e2) -> Long.compare(Math.abs(e2.getValue()), Math.abs(e1.getValue())))
        .forEach(e -> out.put("/" + e.getKey(), e.getValue()));
    return out;
  }
}
