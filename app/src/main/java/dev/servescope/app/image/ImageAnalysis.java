package dev.servescope.app.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a saved image and the engine's sizes into an {@link ImageReport}. */
public final class ImageAnalysis {
  private static final int FOLDER_DEPTH = 3;

  private ImageAnalysis() {}

  /**
   * @param imageBytes the engine's image size
   * @param layerBytes the engine's size of each layer, bottom first; the same count as the saved layers
   * @param top how many files and folders to list
   */
  public static ImageReport report(String image, SavedImage saved, long imageBytes, List<Long> layerBytes, int top) {
    return report(image, saved, view(saved), imageBytes, layerBytes, top);
  }

  /** The saved image's layers stacked. */
  public static FileSystemView view(SavedImage saved) {
    return FileSystemView.of(saved.layers().stream().map(SavedImage.Layer::entries).toList());
  }

  /** The report of a saved image whose layers are already stacked in {@code view}. */
  static ImageReport report(String image, SavedImage saved, FileSystemView view, long imageBytes,
      List<Long> layerBytes, int top) {
    if (layerBytes.size() != saved.layers().size()) {
      throw new IllegalArgumentException("the engine lists " + layerBytes.size() + " layers for " + image
          + ", its saved stream " + saved.layers().size());
    }
    List<ImageReport.LayerReport> layers = new ArrayList<>();
    long transfer = 0;
    for (int i = 0; i < saved.layers().size(); i++) {
      SavedImage.Layer l = saved.layers().get(i);
      FileSystemView.LayerChange c = view.changes().get(i);
      layers.add(new ImageReport.LayerReport(l.createdBy(), layerBytes.get(i), l.transferBytes(), c.added(),
          c.changed(), c.removed(), c.wastedBytes()));
      transfer += l.transferBytes();
    }
    Map<String, Long> files = view.fileBytes();
    List<ImageReport.PathSize> topFiles = files.entrySet().stream()
        .sorted(biggestFirst()).limit(top).map(e -> new ImageReport.PathSize("/" + e.getKey(), e.getValue())).toList();
    List<ImageReport.PathSize> topFolders = folderSizes(files, FOLDER_DEPTH).entrySet().stream()
        .sorted(biggestFirst()).limit(top).map(e -> new ImageReport.PathSize("/" + e.getKey(), e.getValue())).toList();
    return new ImageReport(image, imageBytes, transfer, layers, view.wastedBytes(),
        Math.round(view.efficiency() * 10_000) / 10_000.0, files.size(), topFiles, topFolders, categories(files));
  }

  /** Bytes per folder, every folder down to {@code depth} levels (the root excluded). */
  public static Map<String, Long> folderSizes(Map<String, Long> files, int depth) {
    Map<String, Long> out = new HashMap<>();
    files.forEach((path, bytes) -> {
      int from = 0;
      for (int level = 0; level < depth; level++) {
        int slash = path.indexOf('/', from);
        if (slash < 0) {
          break;
        }
        out.merge(path.substring(0, slash), bytes, Long::sum);
        from = slash + 1;
      }
    });
    return out;
  }

  /** Bytes by {@link Categories}, every category listed. */
  public static Map<String, Long> categories(Map<String, Long> files) {
    Map<String, Long> out = new LinkedHashMap<>();
    Categories.ALL.forEach(c -> out.put(c, 0L));
    files.forEach((path, bytes) -> out.merge(Categories.of(path), bytes, Long::sum));
    return out;
  }

  /** The biggest entries first. */
  static Comparator<Map.Entry<String, Long>> biggestFirst() {
    return Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());
  }
}
