package dev.servescope.app.image;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.LayerSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** Inspects images of an {@link ImageStore}: their report and their stacked view, for diffs. */
public final class ImageInspector {
  private final ImageStore store;

  public ImageInspector(ImageStore store) {
    this.store = store;
  }

  /**
   * An image inspected.
   *
   * @param report what {@code inspect} prints
   * @param view the file system a container of it sees
   */
  public record Inspected(ImageReport report, FileSystemView view) {}

  /**
   * Reads the image from the engine in one pass.
   *
   * @param top how many files and folders to list
   * @param progress bytes of the saved stream read so far, now and then
   * @throws IllegalArgumentException when the engine has no such image
   */
  public Inspected inspect(String ref, int top, LongConsumer progress) {
    return inspect(ref, top, progress, new Cancellation());
  }

  /** As {@link #inspect(String, int, LongConsumer)}; a cancel closes the image stream and stops the reading. */
  public Inspected inspect(String ref, int top, LongConsumer progress, Cancellation cancel) {
    if (!store.imageExists(ref)) {
      throw new IllegalArgumentException("no image " + ref + " on this engine (ServeScope never pulls): pull, load"
          + " or build it first");
    }
    long imageBytes = store.imageSize(ref);
    List<LayerSize> history = new ArrayList<>(store.history(ref));
    java.util.Collections.reverse(history);
    SavedImage saved;
    try (InputStream in = store.saveImage(ref); Cancellation.Registration ignored = cancel.register(in)) {
      saved = SavedImage.read(in, progress);
    } catch (IOException e) {
      cancel.check();
      throw new UncheckedIOException("cannot read image " + ref + ": " + e.getMessage(), e);
    }
    List<Long> layerBytes = new ArrayList<>();
    for (SavedImage.Layer l : saved.layers()) {
      // The engine's size of the layer, so that the layers add up to the image; the files' sum when it cannot say.
      layerBytes.add(l.history() >= 0 && l.history() < history.size() ? history.get(l.history()).bytes()
          : l.entries().stream().mapToLong(FileEntry::size).sum());
    }
    FileSystemView view = ImageAnalysis.view(saved);
    return new Inspected(ImageAnalysis.report(ref, saved, view, imageBytes, layerBytes, top), view);
  }

  /** Two images inspected and compared. */
  public ImageDiff diff(String from, String to, LongConsumer progress) {
    Inspected a = inspect(from, 0, progress);
    Inspected b = inspect(to, 0, progress);
    return ImageDiff.of(from, a.view(), to, b.view());
  }
}
