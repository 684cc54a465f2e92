package dev.servescope.app.ladder.host;

import dev.servescope.app.ladder.CleanItem;
import dev.servescope.app.ladder.ContainerEngine;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code servescope clean}: what ServeScope left on the engine (ladder images and their build stages, stopped
 * containers of processes that are gone, and with {@code all} the local base images too) and on this host (scratch
 * folders of killed runs). Never what may be live: containers of a running ServeScope, here or elsewhere, stay.
 */
public final class Cleaner {
  private final WorkFolders folders;

  public Cleaner(WorkFolders folders) {
    this.folders = folders;
  }

  /**
   * Reports every item to {@code out} as it is handled.
   *
   * @param engine the engine, or null when none answers (then only folders are cleaned)
   * @param all also the local base images, which take minutes to make again
   * @param dryRun say what would go, remove nothing
   */
  public void clean(ContainerEngine engine, boolean all, boolean dryRun, Consumer<CleanItem> out) {
    for (Path folder : folders.stale()) {
      long bytes = WorkFolders.size(folder);
      CleanItem item = new CleanItem("folder", folder.toString(), folder.getFileName().toString(), bytes, bytes,
          CleanItem.WOULD_REMOVE, null);
      if (dryRun) {
        out.accept(item);
      } else {
        WorkFolders.delete(folder);
        out.accept(item.with(CleanItem.REMOVED, null));
      }
    }
    if (engine != null) {
      engine.clean(all, dryRun, out);
    }
  }
}
