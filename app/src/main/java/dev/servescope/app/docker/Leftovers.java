package dev.servescope.app.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.servescope.app.ladder.CleanItem;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.host.OwnerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ServeScope left on an engine: the containers it started (labelled with their owner process) and the images it
 * built (labelled {@link Labels#MANAGED}). Nothing is removed that may be live: a container whose owner runs, here or
 * on another machine, stays.
 */
final class Leftovers {
  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

  private final DockerEngine engine;
  private final DockerClient client;

  Leftovers(DockerEngine engine, DockerClient client) {
    this.engine = engine;
    this.client = client;
  }

  /** Containers ServeScope started, running or not, with their sizes. */
  List<Container> owned() {
    return engine.call("list containers", () -> client.listContainersCmd().withShowAll(true).withShowSize(true)
        .withLabelFilter(List.of(Labels.OWNER)).exec());
  }

  static String owner(Container c) {
    return c.getLabels() == null ? null : c.getLabels().get(Labels.OWNER);
  }

  int removeDeadContainers() {
    int removed = 0;
    for (Container c : owned()) {
      OwnerProcess.Liveness liveness = OwnerProcess.liveness(owner(c));
      if (liveness == OwnerProcess.Liveness.GONE) {
        engine.removeContainer(c.getId());
        removed++;
      } else if (liveness == OwnerProcess.Liveness.ELSEWHERE) {
        LOG.warn("container {} was started by ServeScope on another machine ({}); left alone: remove it with"
            + " 'servescope clean' there, or 'docker rm -f {}' once it is done", shortId(c.getId()), owner(c),
            shortId(c.getId()));
      }
    }
    if (removed > 0) {
      LOG.info("removed {} containers of an earlier run", removed);
    }
    return removed;
  }

  /** Images with {@code MANAGED=kind}, tagged or not. */
  List<Image> images(String kind) {
    return engine.call("list images", () -> client.listImagesCmd().withShowAll(false)
        .withLabelFilter(Map.of(Labels.MANAGED, kind)).exec());
  }

  /**
   * After a build of {@code version}: removes that version's untagged images (stages and superseded builds) that the
   * build did not produce or reuse, so repeated runs keep one set of stages, the build cache, and no more.
   *
   * @param usedIds the image ids the build printed (12-character short ids)
   */
  void pruneSuperseded(String version, Set<String> usedIds) {
    for (Image image : untagged(version)) {
      if (!usedIds.contains(shortId(image.getId()))) {
        removeImage(image.getId());
      }
    }
  }

  /** A version's untagged images: its build stages, and builds a newer one superseded. */
  List<Image> untagged(String version) {
    return engine.call("list images", () -> client.listImagesCmd().withDanglingFilter(true)
        .withLabelFilter(Map.of(Labels.MANAGED, Labels.LADDER, Labels.VERSION, version)).exec());
  }

  /** Removes an image unless it is in use; never throws. */
  void removeImage(String id) {
    String failure = removeImageSaying(id);
    if (failure != null) {
      LOG.debug("cannot remove image {}: {}", shortId(id), failure);
    }
  }

  void clean(boolean all, boolean dryRun, Consumer<CleanItem> out) {
    for (Container c : owned()) {
      String owner = owner(c);
      long rw = c.getSizeRw() == null ? 0 : c.getSizeRw();
      CleanItem item = new CleanItem("container", shortId(c.getId()), c.getImage(), rw, rw, CleanItem.WOULD_REMOVE,
          null);
      switch (OwnerProcess.liveness(owner)) {
        case ALIVE -> out.accept(item.with(CleanItem.KEPT, "in use by a running ServeScope (" + owner + ")"));
        case ELSEWHERE -> out.accept(item.with(CleanItem.KEPT, "started by ServeScope on another machine (" + owner
            + "), which may still be measuring: clean it there"));
        default -> {
          if (dryRun) {
            out.accept(item);
          } else {
            engine.removeContainer(c.getId());
            out.accept(item.with(CleanItem.REMOVED, null));
          }
        }
      }
    }
    Map<String, Long> unique = engine.uniqueImageSizes();
    // Ladder images first: they are built on the bases, which the engine will not remove while they stand.
    List<Image> images = new ArrayList<>(images(Labels.LADDER));
    if (all) {
      images.addAll(images(Labels.BASE));
    }
    for (Image image : images) {
      boolean base = Labels.BASE.equals(image.getLabels() == null ? null : image.getLabels().get(Labels.MANAGED));
      String[] tags = image.getRepoTags();
      String name = tags == null || tags.length == 0 || tags[0].equals("<none>:<none>") ? "(untagged build stage)"
          : String.join(" ", tags);
      long size = image.getSize() == null ? 0 : image.getSize();
      CleanItem item = new CleanItem(base ? "base-image" : "image", shortId(image.getId()), name, size,
          unique.getOrDefault(image.getId(), size), CleanItem.WOULD_REMOVE, null);
      if (dryRun) {
        out.accept(item);
        continue;
      }
      String failure = removeImageSaying(image.getId());
      out.accept(failure == null ? item.with(CleanItem.REMOVED, null) : item.with(CleanItem.FAILED, failure));
    }
  }

  /** Null when removed (or already gone), else the engine's reason. */
  private String removeImageSaying(String id) {
    try {
      client.removeImageCmd(id).withForce(false).exec();
      return null;
    } catch (NotFoundException e) {
      return null;
    } catch (RuntimeException e) {
      return EngineErrors.rootMessage(e);
    }
  }

  static String shortId(String id) {
    String bare = id.startsWith("sha256:") ? id.substring(7) : id;
    return bare.length() > 12 ? bare.substring(0, 12) : bare;
  }
}
