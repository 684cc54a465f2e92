package dev.servescope.app.ladder;

import dev.servescope.app.load.LoadGenerator;
import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.model.ModelCatalog;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds, runs and measures ladder versions one after another, recording each version's result as soon as it is
 * measured. Whatever happens (a failed build, a cancel, the engine going away), the run's containers and scratch
 * folders are removed and the run is closed in the history with an honest {@link RunStatus}.
 */
public final class LadderRunner {
  private static final Logger LOG = LoggerFactory.getLogger(LadderRunner.class);
  private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) :");
  private static final int SERVER_PORT = 8080;

  private final ContainerEngine engine;
  private final RunHistory history;
  private final ProjectLayout layout;
  private final BuildContextFactory contexts;
  private final ModelHosting.Factory hosting;
  private final ModelCatalog catalog;
  private final List<String> samples;
  private final WorkFolders work;
  private final Map<String, List<String>> localLabels = new HashMap<>();

  public LadderRunner(ContainerEngine engine, RunHistory history, ProjectLayout layout, BuildContextFactory contexts,
      ModelHosting.Factory hosting, ModelCatalog catalog, List<String> samples, WorkFolders work) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no sample sentences to measure with");
    }
    this.engine = engine;
    this.history = history;
    this.layout = layout;
    this.contexts = contexts;
    this.hosting = hosting;
    this.catalog = catalog;
    this.samples = List.copyOf(samples);
    this.work = work;
  }

  /** Runs the given versions in order; returns the run as recorded. */
  public RunReport run(List<LadderVersion> versions, LadderSettings settings, LadderListener listener,
      Cancellation cancel) {
    cleanUpBefore();
    EngineInfo info = engine.info();
    String runId = history.startRun(info, engine.hardware());
    listener.runStarted(runId, info, versions);
    RunStatus status = RunStatus.COMPLETE;
    String message = null;
    List<String> failures = new ArrayList<>();
    Path workDir = null;
    ModelHosting hub = null;
    try {
      try {
        workDir = work.create();
      } catch (IOException e) {
        throw new IOException("cannot make a scratch folder: " + e.getMessage(), e);
      }
      for (LadderVersion v : versions) {
        cancel.check();
        if (v.downloadsModel() && hub == null) {
          try {
            hub = hosting.start(workDir);
          } catch (IOException e) {
            throw new IOException("cannot serve the model to the containers that download it: " + e.getMessage(), e);
          }
        }
        try {
          VersionResult r = runVersion(runId, v, settings, hub, workDir, listener, cancel);
          history.recordVersion(runId, r);
          listener.versionFinished(v, r);
        } catch (CancellationException | DockerUnavailableException e) {
          listener.versionFailed(v, e);
          throw e;
        } catch (IOException | RuntimeException e) {
          if (cancel.isCancelled()) {
            listener.versionFailed(v, new CancellationException("cancelled"));
            throw new CancellationException("cancelled");
          }
          LOG.warn("{} failed: {}", v.id(), e.getMessage());
          listener.versionFailed(v, e);
          failures.add(v.id() + ": " + e.getMessage());
        }
      }
      if (!failures.isEmpty()) {
        status = RunStatus.FAILED;
        message = String.join("; ", failures);
      }
    } catch (CancellationException e) {
      status = RunStatus.CANCELLED;
      message = "stopped on request; its containers were removed";
    } catch (DockerUnavailableException e) {
      status = RunStatus.FAILED;
      message = e.getMessage();
    } catch (IOException e) {
      status = RunStatus.FAILED;
      message = "cannot prepare the run: " + e.getMessage();
    } finally {
      if (hub != null) {
        hub.close();
      }
      WorkFolders.delete(workDir);
      history.finishRun(runId, status, message);
    }
    return history.load(runId).orElseThrow();
  }

  /** What killed runs left: containers and images on the engine, scratch folders on this host. */
  private void cleanUpBefore() {
    engine.removeLeftovers();
    work.stale().forEach(WorkFolders::delete);
  }

  private VersionResult runVersion(String runId, LadderVersion v, LadderSettings settings, ModelHosting hub,
      Path workDir, LadderListener listener, Cancellation cancel) throws IOException {
    Map<String, String> labels = Map.of(Labels.MANAGED, Labels.LADDER, Labels.RUN, runId, Labels.VERSION, v.id());
    double buildSeconds = buildImage(v, labels, workDir, listener, 0.6, cancel);
    long imageBytes = engine.imageSize(v.tag());
    List<LayerSize> layers = engine.history(v.tag());
    List<String> env = v.downloadsModel() ? List.of("MODEL_URL=" + hub.publish(v.modelId())) : List.of();
    List<String> expected = localLabels.computeIfAbsent(v.modelId(), this::localLabels);
    listener.phase(v, "starting the container", 0.62);
    long start = System.nanoTime();
    String container = engine.startContainer(new ContainerSpec(v.tag(), env, SERVER_PORT, labels));
    try {
      int port = engine.hostPort(container, SERVER_PORT);
      List<String> bodies = samples.stream().map(Probe.SERVESCOPE::body).toList();
      // Cancelling closes the load generator's sockets at once; the container goes in the finally below, on this
      // thread, so that a caller's cancel never waits on the engine.
      try (LoadGenerator load = new LoadGenerator(URI.create("http://127.0.0.1:" + port + "/prediction"), bodies);
          Cancellation.Registration ignored = cancel.register(load::close)) {
        VersionMeasurement.Served s = new VersionMeasurement(engine, settings, samples, cancel)
            .measure(container, load, start, expected, (phase, f) -> listener.phase(v, phase, f),
                line -> listener.log(v, line));
        return new VersionResult(v.id(), v.tag(), v.modelId(), round(buildSeconds, 10), imageBytes,
            s.size().rootFsBytes(), s.size().rwBytes(), s.coldStartMs(), s.memoryBytes(), s.latency(),
            round(s.throughput(), 10), s.agreement(), layers);
      }
    } finally {
      engine.removeContainer(container);
    }
  }

  /**
   * Builds one version's image without running it.
   *
   * @return the image size in bytes
   */
  public long buildOnly(LadderVersion v, LadderListener listener, Cancellation cancel) throws IOException {
    cleanUpBefore();
    Path workDir = work.create();
    try {
      buildImage(v, Map.of(Labels.MANAGED, Labels.LADDER, Labels.VERSION, v.id()), workDir, listener, 1.0, cancel);
      long bytes = engine.imageSize(v.tag());
      listener.phase(v, String.format("built: %.1f MB", bytes / 1e6), 1.0);
      return bytes;
    } finally {
      WorkFolders.delete(workDir);
    }
  }

  /** Context, base images, build; progress runs from 0 to {@code upTo}. Returns the build's wall time in seconds. */
  private double buildImage(LadderVersion v, Map<String, String> labels, Path workDir, LadderListener listener,
      double upTo, Cancellation cancel) throws IOException {
    Consumer<String> log = line -> listener.log(v, line);
    listener.phase(v, "preparing the build context", 0.01 * upTo);
    Path ctx = contexts.prepare(v, workDir.resolve(v.id()));
    try {
      listener.phase(v, "base images", 0.08 * upTo);
      Map<String, String> args = engine.prepareBaseImages(v.dockerfile(layout), layout.dockerfiles().resolve("base"),
          workDir, log, status -> listener.phase(v, "base images: " + status, 0.08 * upTo), cancel);
      listener.phase(v, "building", 0.16 * upTo);
      long buildStart = System.nanoTime();
      engine.build(new BuildRequest(ctx, v.tag(), args, labels), line -> {
        log.accept(line);
        Matcher m = STEP.matcher(line);
        if (m.find()) {
          listener.phase(v, "building: step " + m.group(1) + "/" + m.group(2),
              upTo * (0.16 + 0.84 * Integer.parseInt(m.group(1)) / Integer.parseInt(m.group(2))));
        }
      }, cancel);
      return (System.nanoTime() - buildStart) / 1e9;
    } finally {
      WorkFolders.delete(ctx);
    }
  }

  private List<String> localLabels(String modelId) {
    try (Classifier c = Classifier.open(catalog, catalog.require(modelId), ClassifierOptions.defaults())) {
      return samples.stream().map(s -> c.predict(s).label()).toList();
    }
  }

  private static double round(double v, int scale) {
    return Math.round(v * scale) / (double) scale;
  }
}
