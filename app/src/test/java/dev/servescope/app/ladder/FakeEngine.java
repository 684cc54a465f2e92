package dev.servescope.app.ladder;

import dev.servescope.inference.bench.InProcessLoad;
import dev.servescope.inference.classify.Predictor;
import dev.servescope.inference.server.PredictionServer;
import dev.servescope.inference.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A container engine in memory: a "container" is a real prediction server on 127.0.0.1, so the runner's load, latency
 * and agreement code runs for real. Failures are scripted per image tag and per call.
 */
public final class FakeEngine implements ContainerEngine {
  public final Predictor predictor;
  public final Set<String> failingBuilds = ConcurrentHashMap.newKeySet();
  /** Containers started to serve, in order; those started in their image's in-process mode are apart. */
  public final List<ContainerSpec> inProcessStarts = java.util.Collections.synchronizedList(new ArrayList<>());
  /** Containers started in their image's in-process mode, by id. */
  public final Map<String, java.util.concurrent.CompletableFuture<InProcessLoad.Result>> inProcessRuns =
      new ConcurrentHashMap<>();
  /** Tags whose build needs what this machine lacks. */
  public final Set<String> missingPrerequisites = ConcurrentHashMap.newKeySet();
  public final Set<String> failingStarts = ConcurrentHashMap.newKeySet();
  /** When set, this call loses the engine: "build", "start", "size". */
  public volatile String loseEngineAt;
  public final List<String> built = new ArrayList<>();
  public final List<ContainerSpec> started = new ArrayList<>();
  public final List<String> removed = new ArrayList<>();
  public final Map<String, AutoCloseable> running = new ConcurrentHashMap<>();
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final Map<String, ContainerTimes> times = new ConcurrentHashMap<>();
  /** Images whose containers run a {@link ForeignService} with this fault. */
  public final Map<String, ForeignService.Fault> foreign = new ConcurrentHashMap<>();
  /** Images the engine does not have. */
  public final Set<String> missingImages = ConcurrentHashMap.newKeySet();
  public final List<BuildRequest> builds = new ArrayList<>();
  public int leftoverSweeps;
  public boolean closed;

  public FakeEngine(Predictor predictor) {
    this.predictor = predictor;
  }

  private void maybeLose(String call) {
    if (call.equals(loseEngineAt)) {
      throw new DockerUnavailableException("lost the Docker engine at fake:// during " + call, null);
    }
  }

  @Override
  public EngineInfo info() {
    return new EngineInfo("fake", "1.41", "fake://");
  }

  public static final Hardware HARDWARE = new Hardware("Fake CPU", 2, List.of("avx2"), 8_000_000_000L, "fake", "6.1",
      "Fake OS", "x86_64", null);

  @Override
  public Hardware hardware() {
    return HARDWARE;
  }

  @Override
  public boolean ping() {
    return loseEngineAt == null;
  }

  @Override
  public int removeLeftovers() {
    leftoverSweeps++;
    return 0;
  }

  @Override
  public Map<String, String> prepareBaseImages(String dockerfile, Path recipes, Path workDir, Consumer<String> log,
      Consumer<String> status, Cancellation cancel) {
    return Map.of();
  }

  @Override
  public synchronized String build(BuildRequest request, Consumer<String> log, Cancellation cancel) {
    maybeLose("build");
    cancel.check();
    log.accept("Step 1/2 : FROM scratch");
    if (missingPrerequisites.contains(request.tag())) {
      throw new PrerequisiteMissingException("no Java 25 JDK here: install a Java 25 JDK");
    }
    if (failingBuilds.contains(request.tag())) {
      throw new IllegalStateException("build of " + request.tag() + " failed: step 2/2 returned 1");
    }
    built.add(request.tag());
    builds.add(request);
    return "sha256:" + request.tag();
  }

  @Override
  public long imageSize(String ref) {
    if (missingImages.contains(ref)) {
      throw new IllegalStateException("No such image: " + ref);
    }
    return 1_000_000;
  }

  @Override
  public List<LayerSize> history(String ref) {
    return List.of(new LayerSize(1_000_000, "COPY model /model"));
  }

  @Override
  public synchronized String startContainer(ContainerSpec spec) {
    maybeLose("start");
    boolean servesLoad = envOf(spec, "IN_PROCESS_LOAD").isEmpty();
    (servesLoad ? started : inProcessStarts).add(spec);
    if (failingStarts.contains(spec.image())) {
      throw new IllegalStateException("cannot start " + spec.image() + ": port already allocated");
    }
    try {
      String id = "c" + (started.size() + inProcessStarts.size());
      java.time.Instant created = java.time.Instant.now();
      times.put(id, new ContainerTimes(created, created));
      java.util.Optional<String> inProcess = envOf(spec, "IN_PROCESS_LOAD");
      if (inProcess.isPresent()) {
        // the image's in-process mode: the load on the model, here, then the line the server logs, then exit
        String[] p = inProcess.get().split(",");
        List<String> texts = envOf(spec, "IN_PROCESS_SENTENCES").orElseThrow().lines().toList();
        inProcessRuns.put(id, java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return InProcessLoad.run(predictor, texts, Integer.parseInt(p[0]),
                java.time.Duration.ofMillis(Long.parseLong(p[1])), java.time.Duration.ofMillis(Long.parseLong(p[2])));
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }));
        return id;
      }
      ForeignService.Fault fault = foreign.get(spec.image());
      if (fault != null) {
        ForeignService service = new ForeignService(predictor, fault);
        running.put(id, service);
        ports.put(id, service.port());
      } else {
        PredictionServer server = PredictionServer.start(predictor, ServerConfig.loopback(0, 2));
        running.put(id, server);
        ports.put(id, server.port());
      }
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public int hostPort(String containerId, int port) {
    return ports.get(containerId);
  }

  @Override
  public boolean isRunning(String containerId) {
    java.util.concurrent.CompletableFuture<InProcessLoad.Result> load = inProcessRuns.get(containerId);
    return load != null ? !load.isDone() : running.containsKey(containerId);
  }

  private static java.util.Optional<String> envOf(ContainerSpec spec, String name) {
    return spec.env().stream().filter(e -> e.startsWith(name + "=")).map(e -> e.substring(name.length() + 1))
        .findFirst();
  }

  private final java.util.concurrent.atomic.AtomicLong cpuReadings = new java.util.concurrent.atomic.AtomicLong();

  @Override
  public ContainerSize containerSize(String containerId) {
    maybeLose("size");
    return new ContainerSize(0, 1_000_000);
  }

  @Override
  public long memoryUsage(String containerId) {
    return 50_000_000;
  }

  @Override
  public String imageId(String ref) {
    return "sha256:" + Integer.toHexString(ref.hashCode());
  }

  @Override
  public void copyImageInto(String ref, String containerId, String dir) {
    throw new UnsupportedOperationException("the fake engine holds no images to copy");
  }

  @Override
  public void push(String ref, String repository, Cancellation cancel) {
    throw new UnsupportedOperationException("the fake engine reaches no registry");
  }

  /** Every reading a second after the last, with 20 ms more CPU time: 20 CPU ms per second at rest. */
  @Override
  public CpuTime cpuTime(String containerId) {
    long n = cpuReadings.incrementAndGet();
    return new CpuTime(n * 20_000_000L, java.time.Instant.EPOCH.plusSeconds(n));
  }

  @Override
  public String exitSummary(String containerId) {
    return "exit code 1";
  }

  @Override
  public String logTail(String containerId, int lines) {
    java.util.concurrent.CompletableFuture<InProcessLoad.Result> load = inProcessRuns.get(containerId);
    return load != null && load.isDone() ? "[main] INFO dev.servescope.inference.server.ServerMain - in-process load: "
        + load.join().json() : "(fake log)";
  }

  @Override
  public ContainerTimes times(String containerId) {
    return times.get(containerId);
  }

  @Override
  public java.util.Optional<java.time.Instant> firstLogLine(String containerId, java.util.regex.Pattern line) {
    return java.util.Optional.empty();
  }

  @Override
  public void putFile(String containerId, String path, byte[] content) {
    throw new UnsupportedOperationException("the fake engine runs no sidecar: measure with the load on the host");
  }

  @Override
  public void putFiles(String containerId, String dir, List<Path> files) {
    throw new UnsupportedOperationException("the fake engine runs no sidecar: measure with the load on the host");
  }

  @Override
  public Exec exec(String containerId, List<String> command, Consumer<String> out, Consumer<String> err) {
    throw new UnsupportedOperationException("the fake engine runs no sidecar: measure with the load on the host");
  }

  @Override
  public synchronized void removeContainer(String containerId) {
    removed.add(containerId);
    AutoCloseable server = running.remove(containerId);
    if (server != null) {
      try {
        server.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void clean(boolean all, boolean dryRun, Consumer<CleanItem> out) {
    throw new UnsupportedOperationException("the runner never cleans");
  }

  @Override
  public void close() {
    closed = true;
  }
}
