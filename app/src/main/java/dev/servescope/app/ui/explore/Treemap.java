package dev.servescope.app.ui.explore;

import dev.servescope.app.image.FolderTree;
import dev.servescope.app.format.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A squarified treemap of one folder's children: each a rectangle as big as its bytes, labelled when there is room.
 * Clicking a folder opens it.
 */
final class Treemap extends Region {
  private static final int MAX_TILES = 60;
  private final Pane tiles = new Pane();
  private FolderTree.Node folder;
  private final Consumer<FolderTree.Node> onOpen;

  Treemap(Consumer<FolderTree.Node> onOpen) {
    this.onOpen = onOpen;
    getChildren().add(tiles);
    setMinSize(200, 150);
    widthProperty().addListener((o, a, b) -> draw());
    heightProperty().addListener((o, a, b) -> draw());
  }

  void show(FolderTree.Node node) {
    folder = node;
    draw();
  }

  @Override
  protected void layoutChildren() {
    tiles.resizeRelocate(0, 0, getWidth(), getHeight());
  }

  private void draw() {
    tiles.getChildren().clear();
    if (folder == null || folder.bytes() == 0 || getWidth() <= 0 || getHeight() <= 0) {
      return;
    }
    List<FolderTree.Node> items = folder.children().stream().filter(n -> n.bytes() > 0).limit(MAX_TILES).toList();
    List<Rectangle2D> rects = layout(items.stream().mapToDouble(FolderTree.Node::bytes).toArray(),
        new Rectangle2D(0, 0, getWidth(), getHeight()));
    for (int i = 0; i < items.size(); i++) {
      FolderTree.Node n = items.get(i);
      Rectangle2D r = rects.get(i);
      Label tile = new Label(r.getWidth() > 70 && r.getHeight() > 30 ? n.name() + "\n" + Bytes.text(n.bytes()) : "");
      tile.setWrapText(true);
      tile.setMinSize(0, 0);
      tile.setManaged(false); // placed here, not sized to its text by the pane
      tile.resizeRelocate(r.getMinX(), r.getMinY(), Math.max(0, r.getWidth() - 1), Math.max(0, r.getHeight() - 1));
      Color c = Color.hsb((i * 47) % 360, 0.45, n.isFile() ? 0.80 : 0.92);
      tile.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgb(%d,%d,%d); -fx-padding: 3; -fx-font-size: 11;"
          + " -fx-alignment: top-left; -fx-border-color: white; -fx-border-width: 0 1 1 0;",
          (int) (c.getRed() * 255), (int) (c.getGreen() * 255), (int) (c.getBlue() * 255)));
      Tooltip.install(tile, new Tooltip(n.path() + "\n" + Bytes.text(n.bytes()) + ", " + n.files() + " files"));
      if (!n.isFile()) {
        tile.setOnMouseClicked(e -> onOpen.accept(n));
      }
      tiles.getChildren().add(tile);
    }
  }

  /**
   * Squarified layout (Bruls, Huizing, van Wijk): rows along the shorter side, each row grown while it makes its
   * rectangles squarer. {@code sizes} biggest first.
   */
  static List<Rectangle2D> layout(double[] sizes, Rectangle2D area) {
    List<Rectangle2D> out = new ArrayList<>();
    double total = 0;
    for (double s : sizes) {
      total += s;
    }
    if (total <= 0) {
      return out;
    }
    double scale = area.getWidth() * area.getHeight() / total;
    double x = area.getMinX();
    double y = area.getMinY();
    double w = area.getWidth();
    double h = area.getHeight();
    int i = 0;
    while (i < sizes.length) {
      double side = Math.min(w, h);
      int end = i + 1;
      double rowArea = sizes[i] * scale;
      double best = worst(sizes, i, end, rowArea, side, scale);
      while (end < sizes.length) {
        double next = worst(sizes, i, end + 1, rowArea + sizes[end] * scale, side, scale);
        if (next > best) {
          break;
        }
        best = next;
        rowArea += sizes[end] * scale;
        end++;
      }
      double thickness = rowArea / side;
      double offset = 0;
      for (int k = i; k < end; k++) {
        double length = sizes[k] * scale / thickness;
        out.add(w >= h ? new Rectangle2D(x, y + offset, thickness, length)
            : new Rectangle2D(x + offset, y, length, thickness));
        offset += length;
      }
      if (w >= h) {
        x += thickness;
        w -= thickness;
      } else {
        y += thickness;
        h -= thickness;
      }
      i = end;
    }
    return out;
  }

  /** The worst aspect ratio of a row of sizes[from, to) laid along {@code side}. */
  private static double worst(double[] sizes, int from, int to, double rowArea, double side, double scale) {
    double thickness = rowArea / side;
    double worst = 0;
    for (int k = from; k < to; k++) {
      double length = sizes[k] * scale / thickness;
      worst = Math.max(worst, Math.max(length / thickness, thickness / length));
    }
    return worst;
  }
}
