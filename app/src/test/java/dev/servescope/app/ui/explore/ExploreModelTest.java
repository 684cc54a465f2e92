package dev.servescope.app.ui.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.image.FileEntry;
import dev.servescope.app.image.FileSystemView;
import dev.servescope.app.image.FolderTree;
import dev.servescope.app.ui.TestServices;
import dev.servescope.app.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Explore view's model and its treemap's layout, without a window. */
class ExploreModelTest {
  private static FileEntry file(String path, long size) {
    return new FileEntry(path, FileEntry.Kind.FILE, size, null, size);
  }

  private static final FileSystemView VIEW = FileSystemView.of(List.of(
      List.of(new FileEntry("app", FileEntry.Kind.DIR, 0, null, 0), file("app/model.onnx", 90), file("app/a.jar", 10),
          file("tmp/cache", 40)),
      List.of(file("app/model.onnx", 23), new FileEntry("tmp/cache", FileEntry.Kind.WHITEOUT, 0, null, 0))));

  @Test
  void theFilterChoosesAllFilesOneLayersFilesOrTheWastedOnes() {
    assertThat(ExploreModel.filesFor(VIEW, ExploreModel.Filter.ALL, -1))
        .containsOnly(Map.entry("app/model.onnx", 23L), Map.entry("app/a.jar", 10L));
    assertThat(ExploreModel.filesFor(VIEW, ExploreModel.Filter.LAYER, 1)).containsOnly(Map.entry("app/model.onnx",
        23L));
    assertThat(ExploreModel.filesFor(VIEW, ExploreModel.Filter.WASTED, -1))
        .containsOnly(Map.entry("app/model.onnx", 90L), Map.entry("tmp/cache", 40L));
    FolderTree.Node tree = FolderTree.of(ExploreModel.filesFor(VIEW, ExploreModel.Filter.WASTED, -1));
    assertThat(tree.bytes()).isEqualTo(130);
    assertThat(tree.children()).extracting(FolderTree.Node::path).containsExactly("/app", "/tmp");
    assertThat(tree.children().get(0).children().get(0).isFile()).isTrue();
  }

  @Test
  void theTreemapGivesEachItemItsShareOfTheAreaInsideIt() {
    double[] sizes = {50, 25, 15, 10};
    List<Rectangle2D> rects = Treemap.layout(sizes, new Rectangle2D(0, 0, 400, 200));
    assertThat(rects).hasSize(4);
    for (int i = 0; i < sizes.length; i++) {
      Rectangle2D r = rects.get(i);
      assertThat(r.getWidth() * r.getHeight()).isCloseTo(80_000 * sizes[i] / 100,
          org.assertj.core.data.Offset.offset(1e-6));
      assertThat(r.getMinX()).isGreaterThanOrEqualTo(-1e-9);
      assertThat(r.getMaxX()).isLessThanOrEqualTo(400 + 1e-9);
      assertThat(r.getMaxY()).isLessThanOrEqualTo(200 + 1e-9);
    }
    assertThat(rects.get(0).getWidth() / rects.get(0).getHeight()).as("squarish, not a sliver").isBetween(0.5, 2.0);
  }

  @Test
  void withoutAnEngineInspectingSaysSoAndLeavesTheViewUsable(@TempDir Path dir) {
    ExploreModel model = new ExploreModel(TestServices.withoutEngine(dir.resolve("h.db")).images(),
        new CurrentThreadTaskExecutor());
    model.imageProperty().set("v1");
    model.inspect();
    assertThat(model.messageProperty().get()).startsWith("Cannot read servescope-ladder:v1: ")
        .contains("no Docker engine answers");
    assertThat(model.busyProperty().get()).isFalse();
    model.imageProperty().set(" ");
    model.inspect();
    assertThat(model.messageProperty().get()).isEqualTo("Type an image reference or pick a rung.");
  }
}
