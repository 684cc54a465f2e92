package dev.servescope.app.ladder.run;

import dev.servescope.app.ladder.BuildRequest;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Hardware;
import dev.servescope.app.ladder.ImageFigures;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.Limits;
import dev.servescope.app.ladder.PrerequisiteMissingException;
import dev.servescope.app.ladder.file.DockerfileArgs;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.ladder.host.PrepareCommand;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.host.WorkFolders;
import dev.servescope.app.ladder.measure.Agreement;
import dev.servescope.app.ladder.measure.ColdStart;
import dev.servescope.app.ladder.measure.HostLoad;
import dev.servescope.app.ladder.measure.InProcessRun;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.measure.LoadPlacement;
import dev.servescope.app.ladder.measure.Pod;
import dev.servescope.app.ladder.measure.Repeats;
import dev.servescope.app.ladder.measure.SidecarLoad;
import dev.servescope.app.ladder.measure.VersionMeasurement;
import dev.servescope.app.ladder.result.Floor;
import dev.servescope.app.ladder.result.LoadSetup;
import dev.servescope.app.ladder.result.RunHistory;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunSetup;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.Spread;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.model.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;
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
  /** The floor's id, in labels and logs. */
  static final String FLOOR = "floor";
  /** The floor answers its health check on {@code /} and a one-line CGI script as its prediction, with no label. */
  static final Probe FLOOR_PROBE = new Probe(8080, "/", "/cgi-bin/predict", "{\"text\": ${text}}", null);

  private final ContainerEngine engine;
  private final RunHistory history;
  private final ProjectLayout layout;
  private final BuildContextFactory contexts;
  private final ModelHosting.Factory hosting;
  private final ModelCatalog catalog;
  private final List<String> samples;
  private final WorkFolders work;
  private final ImageFigures.Source images;

  public LadderRunner(ContainerEngine engine, RunHistory history, ProjectLayout layout, BuildContextFactory contexts,
      ModelHosting.Factory hosting, ModelCatalog catalog, List<String> samples, WorkFolders work) {
    this(engine, history, layout, contexts, hosting, catalog, samples, work, null);
  }

  /**
   * @param images reads each rung's image for its wasted bytes, efficiency and transfer size; null to skip that
   */
  public LadderRunner(ContainerEngine engine, RunHistory history, ProjectLayout layout, BuildContextFactory contexts,
      ModelHosting.Factory hosting, ModelCatalog catalog, List<String> samples, WorkFolders work,
      ImageFigures.Source images) {
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
    this.images = images;
  }

  /**
   * Runs built-in versions in the given order, the first being the reference; returns the run as recorded.
   */
  public RunReport run(List<LadderVersion> versions, LadderSettings settings, LadderListener listener,
      Cancellation cancel) {
    Map<String, LadderVersion> known = new HashMap<>();
    versions.forEach(v -> known.put(v.id(), v));
    LadderFile ladder = LadderFile.ofVersions(versions.stream().map(LadderVersion::id).toList());
    return run(ladder, ladder.rungs(), known::get, settings, listener, cancel);
  }

  /**
   * Runs a ladder's rungs (all of them when {@code rungIds} is empty) in the file's order, but a reference of your
   * own first, since the others' labels are compared with its; returns the run as recorded.
   *
   * @throws IllegalArgumentException for a rung the ladder does not have
   */
  public RunReport run(LadderFile ladder, List<String> rungIds, LadderSettings settings, LadderListener listener,
      Cancellation cancel) {
    return run(ladder, ladder.select(rungIds), LadderVersion::byId, settings, listener, cancel);
  }

  private RunReport run(LadderFile ladder, List<RungSpec> selected, Function<String, LadderVersion> builtins,
      LadderSettings settings, LadderListener listener, Cancellation cancel) {
    cleanUpBefore();
    EngineInfo info = engine.info();
    Hardware hardware = engine.hardware();
    int engineCpus = hardware == null ? 0 : hardware.cpus();
    boolean sidecar = LoadSetup.SIDECAR.equals(settings.placement());
    // With the load in a sidecar, one CPU is the sidecar's where the engine has two or more.
    Limits limits = settings.limits() != null ? settings.limits()
        : ladder.limits() != null ? ladder.limits()
        : Limits.defaults(sidecar && engineCpus >= 2 ? engineCpus - 1 : engineCpus);
    LadderSettings limited = settings.withLimits(limits);
    RungSpec reference = ladder.rung(ladder.reference()).orElseThrow();
    List<RungSpec> order = new ArrayList<>(selected);
    if (reference.kind() != RungSpec.Kind.BUILTIN && order.remove(reference)) {
      order.add(0, reference);
    }
    RunSetup setup = new RunSetup(ladder.name(), reference.id(), limits, settings.repeats(), null, null);
    String runId = history.startRun(info, hardware, setup);
    listener.runStarted(runId, info, order.stream().map(RungSpec::id).toList());
    RunStatus status = RunStatus.COMPLETE;
    String message = null;
    Path workDir = null;
    Turns turns = null;
    try {
      List<String> sentences = ladder.samples() == null ? samples : Samples.read(ladder.samples());
      Agreement agreement = new Agreement(reference, reference.kind() == RungSpec.Kind.BUILTIN
          ? () -> localLabels(builtins.apply(reference.builtin()).modelId(), sentences) : null);
      try {
        workDir = work.create();
      } catch (IOException e) {
        throw new IOException("cannot make a scratch folder: " + e.getMessage(), e);
      }
      turns = new Turns(runId, reference, agreement, limited, sentences, listener, cancel);
      turns.placement = placement(runId, order.get(0).id(), limited, engineCpus, workDir, listener, cancel);
      setup = new RunSetup(ladder.name(), reference.id(), limits, settings.repeats(), turns.placement.setup(), null);
      history.recordSetup(runId, setup);
      for (RungSpec rung : order) {
        cancel.check();
        LadderVersion version = rung.kind() == RungSpec.Kind.BUILTIN ? builtins.apply(rung.builtin()) : null;
        turns.build(rung, version, workDir);
      }
      if (settings.floor()) {
        turns.buildFloor(order.get(0).id(), workDir);
      }
      int round = 0;
      for (Repeats.Turn<RungSpec> turn : Repeats.roundRobin(order, settings.repeats())) {
        cancel.check();
        if (turn.round() != round) {
          round = turn.round();
          turns.measureFloor(order.get(0).id());
        }
        turns.measure(turn.rung(), turn.round());
      }
      if (turns.floor() != null) {
        history.recordSetup(runId, setup.withFloor(turns.floor()));
      }
      if (!turns.failures.isEmpty()) {
        status = RunStatus.FAILED;
        message = String.join("; ", turns.failures);
      } else if (!turns.skipped.isEmpty()) {
        message = String.join("; ", turns.skipped);
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
      if (turns != null) {
        turns.close(status != RunStatus.COMPLETE);
      }
      WorkFolders.delete(workDir);
      history.finishRun(runId, status, message);
    }
    return history.load(runId).orElseThrow();
  }

  /**
   * Where the run's load comes from: the sidecar, built now, or this process. The sidecar's progress shows on the
   * first rung's line.
   */
  private LoadPlacement placement(String runId, String firstRung, LadderSettings settings, int engineCpus,
      Path workDir, LadderListener listener, Cancellation cancel) throws IOException {
    if (!LoadSetup.SIDECAR.equals(settings.placement())) {
      return new HostLoad(engine);
    }
    listener.phase(firstRung, "preparing the load sidecar", 0.005);
    return SidecarLoad.prepare(engine, layout, workDir, engineCpus, settings.limits().cpus(),
        Map.of(Labels.MANAGED, Labels.LADDER, Labels.RUN, runId), line -> listener.log(firstRung, line),
        status -> listener.phase(firstRung, "load sidecar: " + status, 0.005), cancel);
  }

  /**
   * A run's rungs through their builds and their repeats: what each has so far, and which failed. A rung that fails
   * (its build, or any of its starts) is out of the later turns; a rung is recorded after its last repeat.
   */
  private final class Turns {
    private final String runId;
    private final RungSpec reference;
    private final Agreement agreement;
    private final LadderSettings settings;
    private final List<String> sentences;
    private final LadderListener listener;
    private final Cancellation cancel;
    private final Map<RungSpec, Built> built = new java.util.LinkedHashMap<>();
    private final Map<RungSpec, List<VersionMeasurement.Served>> served = new HashMap<>();
    private final Map<RungSpec, List<Double>> inProcess = new HashMap<>();
    private final List<String> failures = new ArrayList<>();
    /** Rungs left out because this machine lacks what they need, each with what to install. */
    private final List<String> skipped = new ArrayList<>();
    private LoadPlacement placement;
    private ModelHosting hub;
    /** The floor's image, once built; null without one (or after it failed). */
    private RungSpec floorRung;
    private final List<ColdStart> floorStarts = new ArrayList<>();

    Turns(String runId, RungSpec reference, Agreement agreement, LadderSettings settings, List<String> sentences,
        LadderListener listener, Cancellation cancel) {
      this.runId = runId;
      this.reference = reference;
      this.agreement = agreement;
      this.settings = settings;
      this.sentences = sentences;
      this.listener = listener;
      this.cancel = cancel;
    }

    void build(RungSpec rung, LadderVersion version, Path workDir) throws IOException {
      if (version != null && version.downloadsModel() && hub == null) {
        try {
          hub = hosting.start(workDir);
        } catch (IOException e) {
          throw new IOException("cannot serve the model to the containers that download it: " + e.getMessage(), e);
        }
      }
      attempt(rung, () -> built.put(rung, buildRung(runId, rung, version, hub, workDir, listener, cancel)));
    }

    void measure(RungSpec rung, int round) {
      Built b = built.get(rung);
      if (b == null) {
        return;
      }
      attempt(rung, () -> {
        served.computeIfAbsent(rung, r -> new ArrayList<>()).add(measureOnce(runId, b, round, settings, placement,
            sentences, listener, cancel));
        measureInProcess(b);
        if (round == settings.repeats()) {
          finish(rung, true);
        }
      });
    }

    /**
     * A built-in rung's throughput in process, on the CPUs and with the callers it served with (see
     * {@link InProcessRun}), right after each round's served measurement, so that both figures are medians over the
     * same rounds; left out, and said, when it cannot be had. Rungs of your own serve something else.
     */
    private void measureInProcess(Built b) {
      String id = b.rung().id();
      if (b.version() == null) {
        return;
      }
      listener.phase(id, "the same load in process, for the served efficiency", 0.99);
      ContainerSpec spec = new ContainerSpec(b.rung().tag(), b.env(), b.rung().probe().port(),
          Labels.ofRung(runId, id), settings.limits(), placement.setup().serverCpuset(), null, null);
      try {
        inProcess.computeIfAbsent(b.rung(), r -> new ArrayList<>()).add(InProcessRun.measure(engine, spec, settings,
            sentences, settings.readyTimeout(), cancel, line -> listener.log(id, line)));
      } catch (CancellationException | DockerUnavailableException e) {
        throw e;
      } catch (RuntimeException e) {
        cancel.check();
        listener.log(id, "in-process throughput not measured: " + e.getMessage());
      }
    }

    /** Builds the floor's image; a floor that cannot be built is said on {@code logRung}'s log and left out. */
    void buildFloor(String logRung, Path workDir) {
      RungSpec floor = new RungSpec(FLOOR, null, layout.dockerfiles().resolve("floor/Dockerfile"),
          layout.dockerfiles().resolve("floor"), null, Map.of(), Map.of(), "an empty static server", FLOOR_PROBE,
          Map.of(), List.of());
      try {
        listener.phase(logRung, "building the floor (an empty static server)", 0.6);
        buildDockerfile(floor, Labels.ofRung(runId, FLOOR), workDir, new LadderListener() {
          @Override
          public void log(String rung, String line) {
            listener.log(logRung, "floor: " + line);
          }
        }, 1.0, cancel);
        floorRung = floor;
      } catch (IOException | RuntimeException e) {
        cancel.check();
        listener.log(logRung, "floor: not measured, its build failed: " + e.getMessage());
      }
    }

    /** Starts the floor once and keeps its cold start; a floor that fails is said and left out. */
    void measureFloor(String logRung) {
      if (floorRung == null) {
        return;
      }
      ContainerSpec spec = new ContainerSpec(floorRung.tag(), List.of(), FLOOR_PROBE.port(),
          Labels.ofRung(runId, FLOOR), settings.limits());
      try (Pod pod = placement.start(spec, FLOOR_PROBE, List.of(FLOOR_PROBE.body("floor")), settings.readyTimeout(),
          cancel, line -> listener.log(logRung, "floor: " + line))) {
        ColdStart c = VersionMeasurement.coldStart(engine, pod, FLOOR_PROBE, settings.readyTimeout());
        floorStarts.add(c);
        listener.log(logRung, "floor: first answer " + c.totalMs() + " ms after the container was created");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted");
      } catch (RuntimeException e) {
        cancel.check();
        if (e instanceof DockerUnavailableException) {
          throw e;
        }
        listener.log(logRung, "floor: not measured, it did not start: " + e.getMessage());
        floorRung = null;
      }
    }

    /** The floor's figures so far; null when it was never measured. */
    Floor floor() {
      if (floorStarts.isEmpty()) {
        return null;
      }
      List<Double> ms = floorStarts.stream().map(c -> (double) c.totalMs()).toList();
      return new Floor(Math.round(Spread.median(ms)), Spread.of(ms), ms.size());
    }

    /** Records a rung from the repeats it has; tells the listener when {@code announce}. */
    private void finish(RungSpec rung, boolean announce) {
      List<VersionMeasurement.Served> repeats = served.remove(rung);
      Built b = built.remove(rung);
      if (repeats == null || repeats.isEmpty() || b == null) {
        return;
      }
      VersionMeasurement.Served first = repeats.get(0);
      Double agreed = agreement.of(rung, first.labels(), line -> listener.log(rung.id(), line));
      Floor f = floor();
      List<Double> inProcessRounds = inProcess.remove(rung);
      VersionResult r = result(b, repeats, agreed, f, inProcessRounds == null || inProcessRounds.isEmpty() ? null
          : Spread.median(inProcessRounds));
      history.recordVersion(runId, r);
      if (announce) {
        listener.rungFinished(rung.id(), r);
      }
    }

    private void attempt(RungSpec rung, IoAction action) {
      try {
        action.run();
      } catch (CancellationException | DockerUnavailableException e) {
        listener.rungFailed(rung.id(), e);
        throw e;
      } catch (PrerequisiteMissingException e) {
        LOG.warn("{} skipped: {}", rung.id(), e.getMessage());
        listener.log(rung.id(), "skipped: " + e.getMessage());
        listener.rungSkipped(rung.id(), e.getMessage());
        skipped.add(rung.id() + " skipped: " + e.getMessage());
        built.remove(rung);
        served.remove(rung);
      } catch (IOException | RuntimeException e) {
        if (cancel.isCancelled()) {
          listener.rungFailed(rung.id(), new CancellationException("cancelled"));
          throw new CancellationException("cancelled");
        }
        LOG.warn("{} failed: {}", rung.id(), e.getMessage());
        listener.rungFailed(rung.id(), e);
        failures.add(rung.id() + ": " + e.getMessage());
        built.remove(rung);
        served.remove(rung);
        if (rung == reference) {
          agreement.referenceFailed();
        }
      }
    }

    /**
     * Ends the run's load and model hosting; when the run stopped early, records every rung with the repeats it
     * finished, so that a cancel loses nothing measured.
     */
    void close(boolean early) {
      if (early) {
        for (RungSpec rung : List.copyOf(served.keySet())) {
          try {
            finish(rung, false);
          } catch (RuntimeException e) {
            LOG.warn("cannot record what {} measured before the run stopped: {}", rung.id(), e.getMessage());
          }
        }
      }
      if (placement != null) {
        placement.close();
      }
      if (hub != null) {
        hub.close();
      }
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  /**
   * A rung built and ready to start.
   *
   * @param env the container's environment
   */
  private record Built(RungSpec rung, LadderVersion version, double buildSeconds, long imageBytes,
      List<LayerSize> layers, ImageFigures figures, List<String> env) {}

  /** What killed runs left: containers and images on the engine, scratch folders on this host. */
  private void cleanUpBefore() {
    engine.removeLeftovers();
    work.stale().forEach(WorkFolders::delete);
  }

  private Built buildRung(String runId, RungSpec rung, LadderVersion version, ModelHosting hub, Path workDir,
      LadderListener listener, Cancellation cancel) throws IOException {
    String id = rung.id();
    Map<String, String> labels = Labels.ofRung(runId, id);
    double buildSeconds = switch (rung.kind()) {
      case BUILTIN -> buildImage(version, labels, workDir, listener, 0.6, cancel);
      case DOCKERFILE -> buildDockerfile(rung, labels, workDir, listener, 0.6, cancel);
      case IMAGE -> {
        listener.phase(id, "existing image " + rung.image(), 0.3);
        yield 0;
      }
    };
    long imageBytes;
    try {
      imageBytes = engine.imageSize(rung.tag());
    } catch (RuntimeException e) {
      if (rung.kind() == RungSpec.Kind.IMAGE && engine.ping()) {
        throw new IllegalStateException("image " + rung.image() + " is not on this engine (ServeScope never pulls):"
            + " pull, load or build it first", e);
      }
      throw e;
    }
    List<LayerSize> layers = engine.history(rung.tag());
    ImageFigures figures = inspect(rung, listener, cancel);
    List<String> env = new ArrayList<>();
    rung.env().forEach((k, v) -> env.add(k + "=" + v));
    if (version != null && version.downloadsModel()) {
      env.add("MODEL_URL=" + hub.publish(version.modelId()));
    }
    listener.phase(id, "built; waiting for its turn", 0.6);
    return new Built(rung, version, buildSeconds, imageBytes, layers, figures, env);
  }

  /** Starts a built rung once and measures it; its container goes before this returns. */
  private VersionMeasurement.Served measureOnce(String runId, Built b, int round, LadderSettings settings,
      LoadPlacement placement, List<String> sentences, LadderListener listener, Cancellation cancel) {
    RungSpec rung = b.rung();
    String id = rung.id();
    int repeats = settings.repeats();
    String prefix = repeats == 1 ? "" : "repeat " + round + "/" + repeats + ": ";
    VersionMeasurement.Progress progress = (phase, f) -> listener.phase(id, prefix + phase,
        0.6 + 0.4 * (round - 1 + Math.min(1, Math.max(0, (f - 0.6) / 0.4))) / repeats);
    Map<String, String> labels = Labels.ofRung(runId, id);
    Probe probe = rung.probe();
    progress.phase("starting the container (" + settings.limits().summary() + ")", 0.62);
    ContainerSpec spec = new ContainerSpec(rung.tag(), b.env(), probe.port(), labels, settings.limits());
    try (Pod pod = placement.start(spec, probe, sentences.stream().map(probe::body).toList(),
        settings.readyTimeout(), cancel, line -> listener.log(id, line))) {
      return new VersionMeasurement(engine, settings, sentences, cancel).measure(pod, rung, round == 1, progress,
          line -> listener.log(id, line));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
  }

  /** The recorded result of a rung from its build and its repeats (the first measured everything). */
  private static VersionResult result(Built b, List<VersionMeasurement.Served> repeats, Double agreed, Floor floor,
      Double inProcess) {
    VersionMeasurement.Served first = repeats.get(0);
    Repeats.Summary s = Repeats.summarize(repeats);
    return new VersionResult(b.rung().id(), b.rung().tag(), b.version() == null ? null : b.version().modelId(),
        round(b.buildSeconds(), 10), b.imageBytes(), first.size().rootFsBytes(), first.size().rwBytes(),
        s.coldStartMs(), first.memoryBytes(), s.latency(), round(s.throughput(), 10), agreed, b.layers(),
        b.figures() == null ? null : b.figures().wastedBytes(), b.figures() == null ? null : b.figures().efficiency(),
        b.figures() == null ? null : b.figures().transferBytes(), first.servedAccuracy(), first.sweep(),
        s.breakdownMs(), repeats.size(), s.coldStart(), s.latencySpread(), s.throughputSpread(), s.noisy(),
        floor == null || floor.coldStartMs() <= 0 ? null : round((double) s.coldStartMs() / floor.coldStartMs(), 100),
        inProcess == null ? null : round(inProcess, 10));
  }

  /** The image's wasted bytes, efficiency and transfer size; null (and said in the log) when it cannot be read. */
  private ImageFigures inspect(RungSpec rung, LadderListener listener, Cancellation cancel) {
    if (images == null) {
      return null;
    }
    listener.phase(rung.id(), "reading the image's files", 0.61);
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
  private double buildDockerfile(RungSpec rung, Map<String, String> labels, Path workDir, LadderListener listener,
      double upTo, Cancellation cancel) throws IOException {
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

  /**
   * Builds a rung's image without running it: a built-in version, or a Dockerfile of your own.
   *
   * @return the image size in bytes
   * @throws IllegalArgumentException for an existing image, which is not built
   */
  public long buildOnly(RungSpec rung, LadderListener listener, Cancellation cancel) throws IOException {
    if (rung.kind() == RungSpec.Kind.IMAGE) {
      throw new IllegalArgumentException("'" + rung.id() + "' is an existing image: it is measured, not built");
    }
    cleanUpBefore();
    Path workDir = work.create();
    try {
      Map<String, String> labels = Map.of(Labels.MANAGED, Labels.LADDER, Labels.VERSION, rung.id());
      if (rung.kind() == RungSpec.Kind.BUILTIN) {
        buildImage(LadderVersion.byId(rung.builtin()), labels, workDir, listener, 1.0, cancel);
      } else {
        buildDockerfile(rung, labels, workDir, listener, 1.0, cancel);
      }
      long bytes = engine.imageSize(rung.tag());
      listener.phase(rung.id(), String.format("built: %.1f MB", bytes / 1e6), 1.0);
      return bytes;
    } finally {
      WorkFolders.delete(workDir);
    }
  }

  /** Context, base images, build; progress runs from 0 to {@code upTo}. Returns the build's wall time in seconds. */
  private double buildImage(LadderVersion v, Map<String, String> labels, Path workDir, LadderListener listener,
      double upTo, Cancellation cancel) throws IOException {
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

  /** What a built-in model says of each sentence, here on the host: a built-in reference's labels. */
  private List<String> localLabels(String modelId, List<String> sentences) {
    try (Classifier c = Classifier.open(catalog, catalog.require(modelId), ClassifierOptions.defaults())) {
      return sentences.stream().map(s -> c.predict(s).label().toLowerCase(java.util.Locale.ROOT)).toList();
    }
  }

  private static double round(double v, int scale) {
    return Math.round(v * scale) / (double) scale;
  }
}
