package dev.servescope.app.ladder.run;

import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.file.Bandwidth;
import dev.servescope.app.ladder.file.Registry;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.EmptyNode;
import dev.servescope.app.ladder.measure.SidecarLoad;
import dev.servescope.app.ladder.result.Pull;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.VersionResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After the rounds: each measured rung's image pulled onto an empty node, once per bandwidth, and its result recorded
 * again with the pull. An image pulled before (same ID, every bandwidth asked for; in an earlier run or by an earlier
 * rung of this one) keeps the figures of that run, said in the result. A node that cannot start leaves every rung's
 * reason and the run's other figures as they were.
 */
final class PullRound {
  private final RunContext run;
  private final ProjectLayout layout;
  private final Path workDir;

  PullRound(RunContext run, ProjectLayout layout, Path workDir) {
    this.run = run;
    this.layout = layout;
    this.workDir = workDir;
  }

  void measure() throws InterruptedException {
    List<Bandwidth> bandwidths = run.settings().replica().bandwidths();
    List<VersionResult> results = run.history().load(run.runId()).map(RunReport::versions).orElse(List.of());
    if (bandwidths.isEmpty() || results.isEmpty()) {
      return;
    }
    List<RunReport> earlier = run.history().runs();
    // Two rungs of one image (the same image under another probe) pull it once.
    Map<String, Pull> pulledHere = new java.util.HashMap<>();
    EmptyNode node = null;
    String failure = null;
    try {
      for (VersionResult r : results) {
        run.cancel().check();
        String id = r.version();
        Optional<String> image = imageId(r.image());
        Optional<Pull> reused = image.map(pulledHere::get).map(p -> p.reusedFrom(run.runId()))
            .or(() -> image.flatMap(i -> reuse(earlier, i, bandwidths, run.settings().replica().registry())));
        Pull pull;
        if (reused.isPresent()) {
          pull = reused.get();
          run.listener().log(id, "pull: the same image was pulled " + (pull.reusedFrom().equals(run.runId())
              ? "by an earlier rung of this run" : "in run " + pull.reusedFrom()) + "; its figures are reused");
        } else if (failure != null) {
          pull = Pull.failed(null, null, failure);
        } else {
          try {
            if (node == null) {
              node = start(id);
            }
            run.listener().phase(id, "pulling onto an empty node at " + String.join(", ", bandwidths.stream()
                .map(Bandwidth::name).toList()), 0.99);
            pull = node.measure(r.image(), id, run.runId(), bandwidths, line -> run.listener().log(id, line));
          } catch (IOException | RuntimeException e) {
            run.cancel().check();
            failure = "no empty node to pull onto: " + e.getMessage();
            pull = Pull.failed(null, null, failure);
          }
        }
        if (pull.error() != null) {
          run.listener().log(id, "pull not measured: " + pull.error());
        } else if (pull.reusedFrom() == null && image.isPresent()) {
          pulledHere.put(image.get(), pull);
        }
        run.history().recordVersion(run.runId(), r.toBuilder().pull(pull).build());
      }
    } finally {
      if (node != null) {
        node.close();
      }
    }
  }

  /** The image's ID; empty when the engine no longer has it (the pull then fails saying so). */
  private Optional<String> imageId(String image) {
    try {
      return Optional.of(run.engine().imageId(image));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private EmptyNode start(String rung) throws IOException, InterruptedException {
    run.listener().phase(rung, "preparing an empty node", 0.99);
    SidecarLoad.buildImage(run.engine(), layout, workDir, line -> run.listener().log(rung, line), status -> { },
        run.cancel());
    EmptyNode.buildImage(run.engine(), layout, workDir, line -> run.listener().log(rung, line),
        status -> run.listener().phase(rung, "empty node: " + status, 0.99), run.cancel());
    return EmptyNode.start(run.engine(), Map.of(Labels.MANAGED, Labels.LADDER, Labels.RUN, run.runId()),
        run.settings().replica().registry(), run.cancel());
  }

  /**
   * The newest earlier pull of the same image from the same kind of registry (the node's own, or this one) at every
   * bandwidth asked for, marked with its run.
   */
  static Optional<Pull> reuse(List<RunReport> earlier, String imageId, List<Bandwidth> bandwidths,
      Registry registry) {
    Registry from = registry == null ? Registry.NODES_OWN : registry;
    for (RunReport r : earlier) {
      for (VersionResult v : r.versions()) {
        Pull p = v.pull();
        if (p != null && p.error() == null && imageId.equals(p.imageId()) && p.reusedFrom() == null
            && bandwidths.stream().allMatch(b -> p.pullMs().containsKey(b.name()))
            && from.holds(p.repository())) {
          return Optional.of(p.reusedFrom(r.id()));
        }
      }
    }
    return Optional.empty();
  }
}
