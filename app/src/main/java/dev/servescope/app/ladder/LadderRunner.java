package dev.servescope.app.ladder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.docker.BaseImages;
import dev.servescope.app.docker.BuildContexts;
import dev.servescope.app.docker.DockerEngine;
import dev.servescope.app.docker.Labels;
import dev.servescope.app.load.HttpConnection;
import dev.servescope.app.load.LoadGenerator;
import dev.servescope.app.load.ModelHub;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.inference.bench.LatencySummary;
import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelVariant;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds, runs and measures ladder versions one after another, recording each version's result as soon as it is
 * measured. Whatever happens (a failed build, a cancel, the engine going away), the run's containers are removed and
 * the run is closed in the history with an honest status.
 */
public final class LadderRunner {
  private static final Logger LOG = LoggerFactory.getLogger(LadderRunner.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) :");
  private static final int SERVER_PORT = 8080;
  private static final long READY_TIMEOUT_MS = 300_000;

  private final DockerEngine engine;
  private final HistoryStore store;
  private final ProjectLayout layout;
  private final ModelCatalog catalog;
  private final BuildContexts contexts;
  private final List<String> samples;
  private final Map<String, List<String>> localLabels = new HashMap<>();

  public LadderRunner(DockerEngine engine, HistoryStore store, ProjectLayout layout, ModelCatalog catalog,
      BuildContexts contexts, List<String> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no sample sentences to measure with");
    }
    this.engine = engine;
    this.store = store;
    this.layout = layout;
    this.catalog = catalog;
    this.contexts = contexts;
    this.samples = List.copyOf(samples);
  }

  /** Runs the given versions in order; returns the run as recorded. */
  public RunReport run(List<LadderVersion> versions, LadderSettings settings, LadderListener listener,
      Cancellation cancel) {
    engine.removeLeftovers();
    String runId = store.startRun(engine.info());
    listener.runStarted(runId, engine.info(), versions);
    String status = "complete";
    String message = null;
    List<String> failures = new ArrayList<>();
    Path workDir = null;
    ModelHub hub = null;
    try {
      workDir = Files.createTempDirectory("servescope-ladder-");
      BaseImages bases = new BaseImages(engine, layout, workDir);
      for (LadderVersion v : versions) {
        cancel.check();
        if (v.downloadsModel() && hub == null) {
          hub = ModelHub.start(ModelHub.localBridgeGateway());
        }
        try {
          VersionResult r = runVersion(runId, v, settings, bases, hub, workDir, listener, cancel);
          store.recordVersion(runId, r);
          listener.versionFinished(v, r);
        } catch (CancellationException | DockerUnavailableException e) {
          listener.versionFailed(v, e);
          throw e;
        } catch (IOException | RuntimeException e) {
          if (cancel.isCancelled()) {
            throw new CancellationException("cancelled");
          }
          LOG.warn("{} failed: {}", v.id(), e.getMessage());
          listener.versionFailed(v, e);
          failures.add(v.id() + ": " + e.getMessage());
        }
      }
      if (!failures.isEmpty()) {
        status = "failed";
        message = String.join("; ", failures);
      }
    } catch (CancellationException e) {
      status = "cancelled";
      message = "cancelled by the user";
    } catch (DockerUnavailableException e) {
      status = "failed";
      message = e.getMessage();
    } catch (IOException e) {
      status = "failed";
      message = "cannot prepare a working folder: " + e.getMessage();
    } finally {
      if (hub != null) {
        hub.close();
      }
      BuildContexts.delete(workDir);
      store.finishRun(runId, status, message);
    }
    return store.load(runId).orElseThrow();
  }

  private VersionResult runVersion(String runId, LadderVersion v, LadderSettings settings, BaseImages bases,
      ModelHub hub, Path workDir, LadderListener listener, Cancellation cancel) throws IOException {
    java.util.function.Consumer<String> log = line -> listener.log(v, line);
    Map<String, String> labels = Map.of(Labels.MANAGED, Labels.LADDER, Labels.RUN, runId, Labels.VERSION, v.id());
    double buildSeconds = buildImage(v, labels, bases, workDir, listener, 0.6, cancel);
    long imageBytes = engine.imageSize(v.tag());
    List<LayerSize> layers = engine.history(v.tag());

    List<String> env = new ArrayList<>();
    if (v.downloadsModel()) {
      Path exported = workDir.resolve("hub").resolve(v.modelId());
      if (!Files.isDirectory(exported)) {
        catalog.exportTo(catalog.require(v.modelId()), exported);
      }
      hub.publish(v.modelId(), exported);
      env.add("MODEL_URL=" + hub.containerUrl(v.modelId()));
    }
    listener.phase(v, "starting the container", 0.62);
    long start = System.nanoTime();
    String container = engine.startContainer(v.tag(), env, SERVER_PORT, labels);
    try (Cancellation.Registration ignored = cancel.register(() -> engine.removeContainer(container))) {
      int port = engine.hostPort(container, SERVER_PORT);
      List<String> bodies = samples.stream().map(LadderRunner::body).toList();
      try (LoadGenerator load = new LoadGenerator(URI.create("http://127.0.0.1:" + port + "/prediction"), bodies)) {
        long coldStartMs = waitReady(container, load, bodies.get(0), start, cancel);
        log.accept("first prediction " + coldStartMs + " ms after start");
        listener.phase(v, "measuring the container", 0.68);
        long[] sizes = engine.containerSizes(container);
        if (!settings.warmup().isZero()) {
          listener.phase(v, "warming up (" + settings.warmup().toSeconds() + " s at " + settings.concurrency()
              + " callers)", 0.70);
          load.throughput(settings.concurrency(), settings.warmup(), cancel::isCancelled);
        }
        long memory = engine.memoryUsage(container);
        listener.phase(v, "latency at " + settings.ratePerSecond() + " requests/s", 0.72);
        LoadGenerator.OpenLoopResult open = load.openLoop(settings.ratePerSecond(), settings.duration(),
            cancel::isCancelled);
        if (open.errors() > 0) {
          log.accept(open.errors() + " of " + open.sent() + " requests failed during the latency phase");
        }
        listener.phase(v, "throughput with " + settings.concurrency() + " callers", 0.84);
        double throughput = load.throughput(settings.concurrency(), settings.duration(), cancel::isCancelled);
        listener.phase(v, "label agreement", 0.96);
        double agreement = agreement(v.modelId(), load);
        LatencySummary l = open.latency();
        return new VersionResult(v.id(), v.tag(), v.modelId(), round(buildSeconds, 10), imageBytes, sizes[1],
            sizes[0], coldStartMs, memory, new VersionResult.Percentiles(l.p50(), l.p90(), l.p99()),
            round(throughput, 10), agreement, layers);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted");
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
    engine.removeLeftovers();
    Path workDir = Files.createTempDirectory("servescope-build-");
    try {
      buildImage(v, Map.of(Labels.MANAGED, Labels.LADDER, Labels.VERSION, v.id()),
          new BaseImages(engine, layout, workDir), workDir, listener, 1.0, cancel);
      long bytes = engine.imageSize(v.tag());
      listener.phase(v, String.format("built: %.1f MB", bytes / 1e6), 1.0);
      return bytes;
    } finally {
      BuildContexts.delete(workDir);
    }
  }

  /** Context, base images, build; progress runs from 0 to {@code upTo}. Returns the build's wall time in seconds. */
  private double buildImage(LadderVersion v, Map<String, String> labels, BaseImages bases, Path workDir,
      LadderListener listener, double upTo, Cancellation cancel) throws IOException {
    java.util.function.Consumer<String> log = line -> listener.log(v, line);
    listener.phase(v, "preparing the build context", 0.01 * upTo);
    Path ctx = contexts.prepare(v, workDir.resolve(v.id()));
    try {
      listener.phase(v, "base images", 0.08 * upTo);
      Map<String, String> args = bases.resolveArgs(v.dockerfile(layout), log,
          status -> listener.phase(v, "base images: " + status, 0.08 * upTo), cancel);
      listener.phase(v, "building", 0.16 * upTo);
      long buildStart = System.nanoTime();
      engine.build(new DockerEngine.BuildRequest(ctx, v.tag(), args, labels), line -> {
        log.accept(line);
        Matcher m = STEP.matcher(line);
        if (m.find()) {
          listener.phase(v, "building: step " + m.group(1) + "/" + m.group(2),
              upTo * (0.16 + 0.84 * Integer.parseInt(m.group(1)) / Integer.parseInt(m.group(2))));
        }
      }, cancel);
      return (System.nanoTime() - buildStart) / 1e9;
    } finally {
      BuildContexts.delete(ctx);
    }
  }

  /** Polls with a real prediction until one succeeds; milliseconds since the container was started. */
  private long waitReady(String container, LoadGenerator load, String body, long startNanos, Cancellation cancel)
      throws InterruptedException {
    long deadline = startNanos + READY_TIMEOUT_MS * 1_000_000;
    int polls = 0;
    while (System.nanoTime() < deadline) {
      cancel.check();
      try {
        if (load.post(body).statusCode() == 200) {
          return (System.nanoTime() - startNanos) / 1_000_000;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      if (++polls % 20 == 0 && !engine.isRunning(container)) {
        throw new IllegalStateException("the container exited before serving; its last output:\n"
            + engine.logTail(container, 20));
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no prediction within " + READY_TIMEOUT_MS / 1000 + " s; last output:\n"
        + engine.logTail(container, 20));
  }

  /** Share of sample sentences where the image's label equals the local classifier's. */
  private double agreement(String modelId, LoadGenerator load) throws IOException {
    List<String> expected = localLabels.computeIfAbsent(modelId, this::localLabels);
    int same = 0;
    for (int i = 0; i < samples.size(); i++) {
      HttpConnection.Response r = load.post(body(samples.get(i)));
      JsonNode n = JSON.readTree(r.body());
      if (r.statusCode() == 200 && expected.get(i).equals(n.path("label").asText())) {
        same++;
      }
    }
    return (double) same / samples.size();
  }

  private List<String> localLabels(String modelId) {
    ModelVariant variant = catalog.require(modelId);
    try (Classifier c = Classifier.open(catalog, variant, ClassifierOptions.defaults())) {
      return samples.stream().map(s -> c.predict(s).label()).toList();
    }
  }

  private static String body(String text) {
    return JSON.createObjectNode().put("text", text).toString();
  }

  private static double round(double v, int scale) {
    return Math.round(v * scale) / (double) scale;
  }
}
