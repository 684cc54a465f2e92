package dev.servescope.app.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files as a tree of folders, each folder with the bytes and files under it, children biggest first: what the Explore
 * view shows and what its treemap divides.
 */
public final class FolderTree {

  /** A folder or a file. */
  public static final class Node {
    private final String name;
    private final String path;
    private long bytes;
    private int files;
    private final Map<String, Node> children = new LinkedHashMap<>();
    private List<Node> sorted;

    Node(String name, String path) {
      this.name = name;
      this.path = path;
    }

    public String name() {
      return name;
    }

    /** From the root, with a leading slash. */
    public String path() {
      return path;
    }

    public long bytes() {
      return bytes;
    }

    /** Files under it (1 for a file). */
    public int files() {
      return files;
    }

    public boolean isFile() {
      return children.isEmpty() && files == 1 && !path.equals("/");
    }

    /** Biggest first, then by name. */
    public List<Node> children() {
      if (sorted == null) {
        sorted = new ArrayList<>(children.values());
        sorted.sort(Comparator.comparingLong(Node::bytes).reversed().thenComparing(Node::name));
      }
      return sorted;
    }
  }

  private FolderTree() {}

  /** The tree of these files (path without a leading slash, bytes). */
  public static Node of(Map<String, Long> files) {
    Node root = new Node("/", "/");
    files.forEach((path, bytes) -> {
      Node at = root;
      at.bytes += bytes;
      at.files++;
      int from = 0;
      while (true) {
        int slash = path.indexOf('/', from);
        String name = slash < 0 ? path.substring(from) : path.substring(from, slash);
        String sub = "/" + (slash < 0 ? path : path.substring(0, slash));
        at = at.children.computeIfAbsent(name, n -> new Node(n, sub));
        at.bytes += bytes;
        at.files++;
        if (slash < 0) {
          break;
        }
        from = slash + 1;
      }
    });
    return root;
  }
}
