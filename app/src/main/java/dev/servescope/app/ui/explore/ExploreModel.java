package dev.servescope.app.ui.explore;

import dev.servescope.app.image.FileSystemView;
import dev.servescope.app.image.ImageAccess;
import dev.servescope.app.image.FolderTree;
import dev.servescope.app.image.ImageDiff;
import dev.servescope.app.image.ImageInspector;
import dev.servescope.app.image.ImageReport;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.app.ui.task.TaskExecutor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Explore view's state: an image's layers, its files as a tree of folders (all of them, one layer's, or the wasted
 * ones), and the diff between two images. Reading an image runs in the background with progress; a newer request
 * cancels the one in flight.
 */
public final class ExploreModel {

  /** Which files the tree shows. */
  public enum Filter {
    ALL("All files"), LAYER("Files of the selected layer"), WASTED("Wasted: removed or overwritten later");

    private final String label;

    Filter(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final ImageAccess images;
  private final TaskExecutor tasks;
  private final StringProperty image = new SimpleStringProperty("v5");
  private final StringProperty other = new SimpleStringProperty("v4");
  private final ObservableList<String> choices = FXCollections.observableArrayList(
      LadderVersion.ALL.stream().map(LadderVersion::id).toList());
  private final ReadOnlyObjectWrapper<ImageReport> report = new ReadOnlyObjectWrapper<>();
  private final ObservableList<ImageReport.LayerReport> layers = FXCollections.observableArrayList();
  private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);
  private final IntegerProperty layer = new SimpleIntegerProperty(-1);
  private final ReadOnlyObjectWrapper<FolderTree.Node> tree = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<ImageDiff> diff = new ReadOnlyObjectWrapper<>();
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Pick a rung or type an image, then"
      + " Inspect.");
  private FileSystemView view;
  private Cancellation running;

  public ExploreModel(ImageAccess images, TaskExecutor tasks) {
    this.images = images;
    this.tasks = tasks;
    filter.addListener((o, a, b) -> showTree());
    layer.addListener((o, a, b) -> {
      if (filter.get() == Filter.LAYER) {
        showTree();
      }
    });
  }

  /** The image to inspect: a reference, or a built-in rung's id. */
  public StringProperty imageProperty() {
    return image;
  }

  /** The image to compare it with. */
  public StringProperty otherProperty() {
    return other;
  }

  public ObservableList<String> choices() {
    return choices;
  }

  public ReadOnlyObjectProperty<ImageReport> reportProperty() {
    return report.getReadOnlyProperty();
  }

  public ObservableList<ImageReport.LayerReport> layers() {
    return layers;
  }

  public ObjectProperty<Filter> filterProperty() {
    return filter;
  }

  /** The selected layer's index, bottom first; -1 for none. */
  public IntegerProperty layerProperty() {
    return layer;
  }

  /** The tree the filter selects; null before an inspection. */
  public ReadOnlyObjectProperty<FolderTree.Node> treeProperty() {
    return tree.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<ImageDiff> diffProperty() {
    return diff.getReadOnlyProperty();
  }

  public DoubleProperty progressProperty() {
    return progress;
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Reads the image in the background: layers, tree, summary. */
  public void inspect() {
    String ref = LadderVersion.imageOf(image.get());
    if (ref.isEmpty()) {
      message.set("Type an image reference or pick a rung.");
      return;
    }
    Cancellation cancel = begin("Reading " + ref + "...");
    tasks.execute(BackgroundTask.<Shown>of(p -> withInspector((inspector, store) -> {
      long total = Math.max(1, store.imageExists(ref) ? store.imageSize(ref) : 1);
      ImageInspector.Inspected i = inspector.inspect(ref, 20, bytes -> p.update(Math.min(bytes, total), total),
          cancel);
      // The whole tree is made here, off the window's thread: v1 has 18,543 files.
      return new Shown(i, FolderTree.of(i.view().fileBytes()));
    })).onProgress(progress::set).onSuccess(shown -> {
      ImageInspector.Inspected inspected = shown.inspected();
      view = inspected.view();
      report.set(inspected.report());
      layers.setAll(inspected.report().layers());
      ImageReport r = inspected.report();
      message.set(String.format("%s: %.1f MB on disk, %.1f MB to transfer, %,d files, wasted %.2f MB, efficiency"
          + " %.1f%%", r.image(), r.sizeBytes() / 1e6, r.transferBytes() / 1e6, r.files(), r.wastedBytes() / 1e6,
          r.efficiency() * 100));
      if (filter.get() == Filter.ALL) {
        tree.set(shown.tree());
      } else {
        showTree();
      }
    }).onFailure(e -> message.set(cancel.isCancelled() ? "Stopped." : "Cannot read " + ref + ": " + e.getMessage()))
        .onFinished(() -> end(cancel)));
  }

  /** Compares the image with the other one in the background. */
  public void diff() {
    String from = LadderVersion.imageOf(other.get());
    String to = LadderVersion.imageOf(image.get());
    if (from.isEmpty() || to.isEmpty()) {
      message.set("Name both images to compare.");
      return;
    }
    Cancellation cancel = begin("Comparing " + from + " with " + to + "...");
    tasks.execute(BackgroundTask.<ImageDiff>of(p -> withInspector((inspector, store) -> {
      long a = store.imageExists(from) ? store.imageSize(from) : 1;
      long b = store.imageExists(to) ? store.imageSize(to) : 1;
      long total = Math.max(1, a + b);
      long[] base = {0};
      ImageInspector.Inspected x = inspector.inspect(from, 0, bytes -> p.update(Math.min(bytes, a), total), cancel);
      base[0] = a;
      ImageInspector.Inspected y = inspector.inspect(to, 0, bytes -> p.update(base[0] + Math.min(bytes, b), total),
          cancel);
      return ImageDiff.of(from, x.view(), to, y.view());
    })).onProgress(progress::set).onSuccess(d -> {
      diff.set(d);
      message.set(String.format("%s -> %s: %+.1f MB of files, %,d files differ", d.from(), d.to(),
          d.deltaBytes() / 1e6, d.changes().size()));
    }).onFailure(e -> message.set(cancel.isCancelled() ? "Stopped." : "Cannot compare: " + e.getMessage()))
        .onFinished(() -> end(cancel)));
  }

  /** Stops the reading in flight. */
  public void cancel() {
    Cancellation c = running;
    if (c != null) {
      tasks.execute(BackgroundTask.of(p -> {
        c.cancel();
        return null;
      }));
    }
  }

  private Cancellation begin(String what) {
    cancel();
    Cancellation c = new Cancellation();
    running = c;
    busy.set(true);
    progress.set(0);
    message.set(what);
    return c;
  }

  private void end(Cancellation c) {
    if (running == c) {
      running = null;
      busy.set(false);
    }
  }

  /** An inspected image and its tree of all files. */
  private record Shown(ImageInspector.Inspected inspected, FolderTree.Node tree) {}

  private <T> T withInspector(ImageAccess.Work<T> work) throws Exception {
    return images.with(work);
  }

  private void showTree() {
    if (view == null) {
      return;
    }
    tree.set(FolderTree.of(filesFor(view, filter.get(), layer.get())));
  }

  /** The files a filter selects, path to bytes. */
  static Map<String, Long> filesFor(FileSystemView view, Filter filter, int layer) {
    return switch (filter) {
      case ALL -> view.fileBytes();
      case LAYER -> {
        Map<String, Long> out = new HashMap<>();
        view.visible().forEach((p, n) -> {
          if (n.layer() == layer && !n.entry().isDir()) {
            out.put(p, n.bytes());
          }
        });
        yield out;
      }
      case WASTED -> {
        Map<String, Long> out = new HashMap<>();
        List<FileSystemView.Hidden> hidden = view.hidden();
        hidden.forEach(h -> out.merge(h.path(), h.bytes(), Long::sum));
        yield out;
      }
    };
  }
}
