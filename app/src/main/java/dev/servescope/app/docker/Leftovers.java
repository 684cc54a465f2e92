package dev.servescope.app.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.OwnerProcess;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    List<Image> dangling = engine.call("list images", () -> client.listImagesCmd().withDanglingFilter(true)
        .withLabelFilter(Map.of(Labels.MANAGED, Labels.LADDER, Labels.VERSION, version)).exec());
    for (Image image : dangling) {
      if (!usedIds.contains(shortId(image.getId()))) {
        removeImage(image.getId());
      }
    }
  }

  /** Removes an image; false when it is in use or already gone. */
  boolean removeImage(String id) {
    try {
      client.removeImageCmd(id).withForce(false).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      LOG.debug("cannot remove image {}: {}", shortId(id), DockerEngine.rootMessage(e));
      return false;
    }
  }

  static String shortId(String id) {
    String bare = id.startsWith("sha256:") ? id.substring(7) : id;
    return bare.length() > 12 ? bare.substring(0, 12) : bare;
  }
}
