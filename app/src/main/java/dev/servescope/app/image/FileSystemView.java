package dev.servescope.app.image;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The layers stacked as a container sees them, built layer by layer: what each layer added, changed and hid, the bytes
 * it made invisible, and dive's efficiency. A layer's whiteouts and opaque folders act on the layers below it before
 * its own entries land, whatever their order in its tar.
 */
public final class FileSystemView {
  /**
   * A visible path.
   *
   * @param entry what the layer that made it said
   * @param layer the index of that layer
   * @param bytes the bytes it carries: a file's size; a hard link's target's when the link outlived its target
   */
  public record Node(FileEntry entry, int layer, long bytes) {}

  /** What one layer did to the view. */
  public record LayerChange(int added, int changed, int removed, long wastedBytes) {}

  /**
   * A file's bytes the image carries but no container sees.
   *
   * @param path the file
   * @param bytes its bytes
   * @param layer the layer that added it
   * @param hiddenBy the layer that removed or overwrote it
   */
  public record Hidden(String path, long bytes, int layer, int hiddenBy) {}

  private final TreeMap<String, Node> visible = new TreeMap<>();
  private final List<LayerChange> changes = new ArrayList<>();
  private final Map<String, long[]> versions = new HashMap<>();
  /** Hard links by "layer:target": who can carry a target's bytes once it is hidden. */
  private final Map<String, List<String>> links = new HashMap<>();
  private long wasted;
  private final List<Hidden> hidden = new ArrayList<>();
  private int current;

  /** Stacks the layers, bottom first. */
  public static FileSystemView of(List<List<FileEntry>> layers) {
    FileSystemView view = new FileSystemView();
    for (int i = 0; i < layers.size(); i++) {
      view.apply(i, layers.get(i));
    }
    return view;
  }

  private void apply(int layer, List<FileEntry> entries) {
    current = layer;
    int[] counts = new int[3];
    long before = wasted;
    for (FileEntry e : entries) {
      if (e.kind() == FileEntry.Kind.WHITEOUT) {
        counts[2] += hide(e.path(), true);
      } else if (e.kind() == FileEntry.Kind.OPAQUE) {
        counts[2] += hide(e.path(), false);
      }
    }
    for (FileEntry e : entries) {
      if (e.kind() == FileEntry.Kind.WHITEOUT || e.kind() == FileEntry.Kind.OPAQUE) {
        continue;
      }
      Node lower = visible.get(e.path());
      if (e.isDir()) {
        if (lower != null && !lower.entry().isDir()) {
          counts[2] += hide(e.path(), true);
        }
        if (lower == null || !lower.entry().isDir()) {
          visible.put(e.path(), new Node(e, layer, 0));
        }
        continue;
      }
      if (lower != null) {
        // A file over a folder hides the folder's contents; over a file, the old file.
        if (lower.entry().isDir()) {
          counts[2] += hide(e.path(), true);
        } else {
          hideOne(e.path(), lower);
          counts[1]++;
        }
      } else {
        counts[0]++;
      }
      // A hard link shares its target's bytes: the target carries them while it is visible.
      long bytes = e.kind() == FileEntry.Kind.FILE ? e.size() : 0;
      visible.put(e.path(), new Node(e, layer, bytes));
      if (e.kind() == FileEntry.Kind.HARDLINK) {
        links.computeIfAbsent(layer + ":" + e.link(), k -> new ArrayList<>()).add(e.path());
      }
      version(e.path(), bytes);
    }
    changes.add(new LayerChange(counts[0], counts[1], counts[2], wasted - before));
  }

  /** Removes a path (with {@code self}) or only what is inside it, from the view; returns the files hidden. */
  private int hide(String path, boolean self) {
    Map<String, Node> range = path.isEmpty() ? visible : visible.subMap(path, true, path + "/\uffff", true);
    List<String> gone = new ArrayList<>();
    for (String p : range.keySet()) {
      if (FileEntry.within(p, path) && (self || !p.equals(path))) {
        gone.add(p);
      }
    }
    int hidden = 0;
    for (String p : gone) {
      Node n = visible.get(p);
      if (n == null) {
        continue;
      }
      if (n.entry().isDir()) {
        visible.remove(p);
      } else {
        hideOne(p, n);
        version(p, 0);
        hidden++;
      }
    }
    return hidden;
  }

  /** A file leaves the view: its bytes are wasted unless a visible hard link to it still reaches them. */
  private void hideOne(String path, Node n) {
    visible.remove(path);
    if (n.bytes() == 0) {
      return;
    }
    String target = n.entry().kind() == FileEntry.Kind.HARDLINK ? n.entry().link() : path;
    for (String linkPath : links.getOrDefault(n.layer() + ":" + target, List.of())) {
      Node link = visible.get(linkPath);
      if (link != null && link.layer() == n.layer() && link.bytes() == 0 && !linkPath.equals(path)) {
        visible.put(linkPath, new Node(link.entry(), link.layer(), n.bytes()));
        return;
      }
    }
    wasted += n.bytes();
    hidden.add(new Hidden(path, n.bytes(), n.layer(), current));
  }

  private void version(String path, long bytes) {
    long[] v = versions.computeIfAbsent(path, p -> new long[] {0, Long.MAX_VALUE});
    v[0] += bytes;
    v[1] = Math.min(v[1], bytes);
  }

  /** Every visible path, folders included, in path order. */
  public Map<String, Node> visible() {
    return java.util.Collections.unmodifiableMap(visible);
  }

  public List<LayerChange> changes() {
    return List.copyOf(changes);
  }

  /** Bytes no container can see: files removed or overwritten by a later layer. */
  public long wastedBytes() {
    return wasted;
  }

  /** Every wasted file version, in the order the layers hid them. */
  public List<Hidden> hidden() {
    return List.copyOf(hidden);
  }

  /** dive's score: the sum over paths of their smallest version over the sum of all their versions. */
  public double efficiency() {
    long all = 0;
    long least = 0;
    for (long[] v : versions.values()) {
      all += v[0];
      least += v[1];
    }
    return all == 0 ? 1.0 : (double) least / all;
  }

  /** The visible files (no folders) with the bytes each carries. */
  public Map<String, Long> fileBytes() {
    Map<String, Long> out = new HashMap<>();
    visible.forEach((p, n) -> {
      if (!n.entry().isDir()) {
        out.put(p, n.bytes());
      }
    });
    return out;
  }

}
