package dev.servescope.app.ladder.run;

import dev.servescope.app.ladder.BuildRequest;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.ImageFigures;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.file.DockerfileArgs;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.measure.ModelHosting;
import dev.servescope.app.ladder.host.PrepareCommand;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.host.WorkFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds rungs' images: a built-in version from a context prepared on the host, a Dockerfile of your own after its
 * prepare command, or an existing image taken as it is; then reads each image's size, layers and files. Progress goes
 * to the listener as a fraction of the rung's whole bar.
 */
final class RungBuilds {
  /** Docker's classic builder says {@code Step 3/9 :}. */
  private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) :");
  /** Where a rung's build ends on its progress bar in a run (the rest is measuring). */
  static final double IN_A_RUN = 0.6;

  private final ContainerEngine engine;
  private final ProjectLayout layout;
  private final BuildContextFactory contexts;
  private final ImageFigures.Source images;

  /**
   * @param images reads each rung's image for its wasted bytes, efficiency and transfer size; null to skip that
   */
  RungBuilds(ContainerEngine engine, ProjectLayout layout, BuildContextFactory contexts, ImageFigures.Source images) {
    this.engine = engine;
    this.layout = layout;
    this.contexts = contexts;
    this.images = images;
  }

  /**
   * Builds a rung (or takes its existing image) and reads what the run records of its image.
   *
   * @param hub serves the model of a rung that downloads it at start; null when none does
   */
  Built rung(String runId, RungSpec rung, LadderVersion version, ModelHosting hub, Path workDir,
      LadderListener listener, Cancellation cancel) throws IOException {
    String id = rung.id();
    Map<String, String> labels = Labels.ofRung(runId, id);
    double buildSeconds = switch (rung.kind()) {
      case BUILTIN -> builtIn(version, labels, workDir, listener, IN_A_RUN, cancel);
      case DOCKERFILE -> dockerfile(rung, labels, workDir, listener, IN_A_RUN, cancel);
      case IMAGE -> {
        listener.phase(id, "existing image " + rung.image(), 0.3);
        yield 0;
      }
    };
    long imageBytes = imageSize(rung);
    List<LayerSize> layers = engine.history(rung.tag());
    ImageFigures figures = inspect(rung, listener, cancel);
    List<String> env = new ArrayList<>();
    rung.env().forEach((k, v) -> env.add(k + "=" + v));
    java.util.Optional<String> atStart = rung.modelAtStart(version);
    if (atStart.isPresent()) {
      try {
        env.add("MODEL_URL=" + hub.publish(atStart.get()));
      } catch (IOException | RuntimeException e) {
        throw new IOException("cannot serve the model " + atStart.get() + " to the container that downloads it: "
            + e.getMessage(), e);
      }
    }
    listener.phase(id, "built; waiting for its turn", IN_A_RUN);
    return new Built(rung, version, buildSeconds, imageBytes, layers, figures, env);
  }

  /** The image's size; an existing image the engine lacks is said as such (ServeScope never pulls). */
  private long imageSize(RungSpec rung) {
    try {
      return engine.imageSize(rung.tag());
    } catch (RuntimeException e) {
      if (rung.kind() == RungSpec.Kind.IMAGE && engine.ping()) {
        throw new IllegalStateException("image " + rung.image() + " is not on this engine (ServeScope never pulls):"
            + " pull, load or build it first", e);
      }
      throw e;
    }
  }

  /** The image's wasted bytes, efficiency and transfer size; null (and said in the log) when it cannot be read. */
  private ImageFigures inspect(RungSpec rung, LadderListener listener, Cancellation cancel) {
    if (images == null) {
      return null;
    }
    listener.phase(rung.id(), "reading the image's files", IN_A_RUN + 0.01);
    try {
      return images.of(rung.tag(), cancel);
    } catch (CancellationException | DockerUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      cancel.check();
      listener.log(rung.id(), "the image's files could not be read: " + e.getMessage());
      return null;
    }
  }

  /** A rung's own Dockerfile, built like {@code docker build}; returns the build's wall time in seconds. */
  double dockerfile(RungSpec rung, Map<String, String> labels, Path workDir, LadderListener listener, double upTo,
      Cancellation cancel) throws IOException {
    String id = rung.id();
    Consumer<String> log = line -> listener.log(id, line);
    if (!rung.prepare().isEmpty()) {
      listener.phase(id, "preparing the context: " + String.join(" ", rung.prepare()), 0.02 * upTo);
      PrepareCommand.run(rung.prepare(), rung.context(), layout.root().resolve("servescope"), log, cancel);
    }
    listener.phase(id, "base images", 0.08 * upTo);
    // Base images as the rung's build arguments name them; a public one that cannot be had here gets its stand-in.
    Map<String, String> args = new HashMap<>(rung.buildArgs());
    args.putAll(engine.prepareBaseImages(DockerfileArgs.withDefaults(Files.readString(rung.dockerfile()),
        rung.buildArgs()), layout.dockerfiles().resolve("base"), workDir, log,
        status -> listener.phase(id, "base images: " + status, 0.08 * upTo), cancel));
    return build(id, new BuildRequest(rung.context(), rung.dockerfile(), rung.tag(), args, labels), listener, upTo,
        cancel);
  }

  /** Context, base images, build; progress runs from 0 to {@code upTo}. Returns the build's wall time in seconds. */
  double builtIn(LadderVersion v, Map<String, String> labels, Path workDir, LadderListener listener, double upTo,
      Cancellation cancel) throws IOException {
    String id = v.id();
    Consumer<String> log = line -> listener.log(id, line);
    listener.phase(id, "preparing the build context", 0.01 * upTo);
    Path ctx = contexts.prepare(v, workDir.resolve(id));
    try {
      listener.phase(id, "base images", 0.08 * upTo);
      Map<String, String> args = engine.prepareBaseImages(v.dockerfile(layout), layout.dockerfiles().resolve("base"),
          workDir, log, status -> listener.phase(id, "base images: " + status, 0.08 * upTo), cancel);
      return build(id, new BuildRequest(ctx, v.tag(), args, labels), listener, upTo, cancel);
    } finally {
      WorkFolders.delete(ctx);
    }
  }

  /** The build itself, its steps as progress from 16% of {@code upTo} to {@code upTo}; wall time in seconds. */
  private double build(String id, BuildRequest request, LadderListener listener, double upTo, Cancellation cancel) {
    listener.phase(id, "building", 0.16 * upTo);
    long buildStart = System.nanoTime();
    engine.build(request, line -> {
      listener.log(id, line);
      Matcher m = STEP.matcher(line);
      if (m.find()) {
        listener.phase(id, "building: step " + m.group(1) + "/" + m.group(2),
            upTo * (0.16 + 0.84 * Integer.parseInt(m.group(1)) / Integer.parseInt(m.group(2))));
      }
    }, cancel);
    return (System.nanoTime() - buildStart) / 1e9;
  }
}
