package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.BuildRequest;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.host.WorkFolders;
import dev.servescope.app.ladder.result.LoadSetup;
import dev.servescope.app.load.AgentJob;
import dev.servescope.app.load.LoadAgent;
import dev.servescope.app.load.Readiness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The load generator in a sidecar container. Pod-style: the sidecar starts first and owns the network namespace, the
 * measured container joins it ({@code --network container:SIDECAR}), and the sidecar polls 127.0.0.1 from before the
 * service starts, so its cold start is seen from inside. The two get separate CPU sets where the engine has CPUs
 * enough. Works the same on a remote engine: nothing is sent from this machine but commands to the engine.
 */
public final class SidecarLoad implements LoadPlacement {
  /** The sidecar's image, built at the start of each run (from cache when its jars are unchanged). */
  static final String IMAGE = "servescope-load:latest";
  /** The jars the agent needs, by file name prefix: its own code, the latency summary, JSON and histograms. */
  private static final List<String> JARS = List.of("servescope-app-", "servescope-inference-", "HdrHistogram-",
      "jackson-core-", "jackson-databind-", "jackson-annotations-", "slf4j-api-", "slf4j-simple-");
  static final List<String> AGENT = List.of("java", "-XX:+UseSerialGC", "-cp", "/opt/servescope-load/*",
      LoadAgent.MAIN_CLASS);
  private static final Duration AGENT_START = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(250);

  private final ContainerEngine engine;
  private final LoadSetup setup;
  private final Map<String, String> labels;
  private PodModels models;

  /**
   * Sidecars of the image {@link #buildImage} built.
   *
   * @param engineCpus the engine's CPUs (0 when unknown)
   * @param serviceCpus the CPUs each measured container may use
   * @param labels the run's container labels
   */
  public SidecarLoad(ContainerEngine engine, int engineCpus, double serviceCpus, Map<String, String> labels) {
    CpuSets sets = CpuSets.of(engineCpus, serviceCpus);
    this.engine = engine;
    this.setup = new LoadSetup(LoadSetup.SIDECAR, IMAGE, sets == null ? null : sets.load(),
        sets == null ? null : sets.service());
    this.labels = labels;
  }

  /**
   * Builds the sidecar's image from the project's jars.
   *
   * @param log every line of the build
   * @param status the milestones worth showing as progress
   */
  public static void buildImage(ContainerEngine engine, ProjectLayout layout, Path workDir, Consumer<String> log,
      Consumer<String> status, Cancellation cancel) throws IOException {
    Path context = Files.createDirectories(workDir.resolve("load-sidecar"));
    try {
      Path dockerfile = layout.dockerfiles().resolve("load/Dockerfile");
      Files.copy(dockerfile, context.resolve("Dockerfile"));
      Path lib = Files.createDirectories(context.resolve("lib"));
      List<Path> jars = new ArrayList<>(ProjectLayout.jars(layout.appLib()));
      jars.add(layout.appJar());
      for (String prefix : JARS) {
        Path jar = jars.stream().filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
            .orElseThrow(() -> new IOException("no " + prefix + "*.jar for the load sidecar in " + layout.appLib()
                + "; build the project first (./servescope builds it)"));
        Files.copy(jar, lib.resolve(jar.getFileName()));
      }
      Map<String, String> args = engine.prepareBaseImages(Files.readString(dockerfile),
          layout.dockerfiles().resolve("base"), workDir, log, status, cancel);
      status.accept("building the load sidecar");
      engine.build(new BuildRequest(context, IMAGE, args, Map.of(Labels.MANAGED, Labels.LADDER, Labels.VERSION,
          "load")), log, cancel);
    } finally {
      WorkFolders.delete(context);
    }
  }

  /**
   * The CPUs of the measured service and of the sidecar, apart.
   *
   * @param service such as {@code 0} or {@code 0-1}
   * @param load the sidecar's one CPU
   */
  record CpuSets(String service, String load) {
    /**
     * Separate CPU sets for the service and the sidecar when the engine has CPUs enough: the service the first
     * {@code serverCpus} (rounded up), the sidecar the last one. Null when the two must share.
     */
    static CpuSets of(int engineCpus, double serverCpus) {
      int service = (int) Math.ceil(serverCpus);
      if (engineCpus < 2 || service > engineCpus - 1) {
        return null;
      }
      return new CpuSets(service == 1 ? "0" : "0-" + (service - 1), String.valueOf(engineCpus - 1));
    }
  }

  @Override
  public LoadSetup setup() {
    return setup;
  }

  @Override
  public Pod start(ContainerSpec service, Probe probe, List<String> loadBodies, Readiness.Plan ready,
      Cancellation cancel, Consumer<String> log) throws InterruptedException {
    Map<String, String> own = new HashMap<>(labels);
    own.putAll(service.labels());
    own.put(Labels.VERSION, service.labels().getOrDefault(Labels.VERSION, "") + "-load");
    String sidecar = engine.startContainer(ContainerSpec.idleBeside(IMAGE, own, null, setup.loadCpuset()));
    String server = null;
    try {
      AgentJob job = new AgentJob(probe.port(), probe.health(), probe.predict(), probe.label(), loadBodies,
          List.of());
      SidecarDriver.write(engine, sidecar, job);
      serveModels(sidecar, service, ready.timeout(), cancel);
      ReadyPoll poll = new ReadyPoll(sidecar, cancel, log);
      List<String> argv = new ArrayList<>(AGENT);
      argv.addAll(List.of("ready", String.valueOf(ready.timeout().toMillis()),
          String.valueOf(ready.steadyWithin().toMillis()), String.valueOf(ready.ratePerSecond())));
      try (ContainerEngine.Exec exec = engine.exec(sidecar, argv, poll::out, poll::err)) {
        poll.awaitWatching();
        server = engine.startContainer(service.joining(sidecar, setup.serverCpuset()));
        Readiness readiness = poll.awaitReadiness(exec, server, ready.length());
        String s = server;
        return new Pod(server, readiness, new SidecarDriver(engine, sidecar, AGENT, job, cancel), () -> {
          engine.removeContainer(s);
          engine.removeContainer(sidecar);
        });
      }
    } catch (RuntimeException | InterruptedException e) {
      if (server != null) {
        engine.removeContainer(server);
      }
      engine.removeContainer(sidecar);
      throw e;
    }
  }

  /**
   * The agent's readiness poll in the sidecar: it says it is watching 127.0.0.1 before the service starts, then
   * prints the readiness it saw as its last line.
   */
  private final class ReadyPoll {
    private final String sidecar;
    private final Cancellation cancel;
    private final Consumer<String> log;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch watching = new CountDownLatch(1);

    ReadyPoll(String sidecar, Cancellation cancel, Consumer<String> log) {
      this.sidecar = sidecar;
      this.cancel = cancel;
      this.log = log;
    }

    void out(String line) {
      if (LoadAgent.WATCHING.equals(line)) {
        watching.countDown();
      } else {
        out.add(line);
      }
    }

    void err(String line) {
      err.add(line);
      log.accept("load sidecar: " + line);
    }

    /** Until the agent polls, so that it sees the service from its very start. */
    void awaitWatching() throws InterruptedException {
      long deadline = System.nanoTime() + AGENT_START.toNanos();
      while (!watching.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
        cancel.check();
        if (System.nanoTime() > deadline || !engine.isRunning(sidecar)) {
          throw new IllegalStateException("the load sidecar did not start polling within "
              + AGENT_START.toSeconds() + " s: " + SidecarDriver.tail(err));
        }
      }
    }

    /** Until the poll ends: what it saw of the service, from its first connection to its first answer. */
    Readiness awaitReadiness(ContainerEngine.Exec ready, String server, Duration timeout)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.plus(AGENT_START).toNanos();
      OptionalLong code;
      while ((code = ready.await(POLL)).isEmpty()) {
        cancel.check();
        Pod.requireRunning(engine, server);
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the load sidecar's readiness poll did not end");
        }
      }
      if (code.getAsLong() != 0 || out.isEmpty()) {
        throw new IllegalStateException("the load sidecar's readiness poll failed (exit code " + code.getAsLong()
            + "): " + SidecarDriver.tail(err));
      }
      return SidecarDriver.parse(out.get(out.size() - 1), new com.fasterxml.jackson.core.type.TypeReference<>() {});
    }
  }

  @Override
  public synchronized ModelHosting models(ModelHosting.Export export, Path workDir) {
    if (models == null) {
      models = new PodModels(export, workDir);
    }
    return models;
  }

  /** Alone, unless it fetches its model: then beside an idle sidecar that serves it, as in its pod. */
  @Override
  public Alone startAlone(ContainerSpec spec, Duration fetchWithin, Cancellation cancel)
      throws InterruptedException {
    if (fetched(spec).isEmpty()) {
      String container = engine.startContainer(spec);
      return new Alone(container, () -> engine.removeContainer(container));
    }
    Map<String, String> own = new HashMap<>(labels);
    own.putAll(spec.labels());
    own.put(Labels.VERSION, spec.labels().getOrDefault(Labels.VERSION, "") + "-models");
    String sidecar = engine.startContainer(ContainerSpec.idleBeside(IMAGE, own, null, setup.loadCpuset()));
    try {
      serveModels(sidecar, spec, fetchWithin, cancel);
      String container = engine.startContainer(spec.joining(sidecar, spec.cpuset()));
      return new Alone(container, () -> {
        engine.removeContainer(container);
        engine.removeContainer(sidecar);
      });
    } catch (RuntimeException | InterruptedException e) {
      engine.removeContainer(sidecar);
      throw e;
    }
  }

  private synchronized Map<String, Path> fetched(ContainerSpec service) {
    return models == null ? Map.of() : models.fetchedBy(service.env());
  }

  /**
   * Gives the sidecar the models the service fetches at start and serves them on the pod's loopback for
   * {@code serveFor}; returns once the hub listens. Nothing when the service fetches none.
   */
  private void serveModels(String sidecar, ContainerSpec service, Duration serveFor, Cancellation cancel)
      throws InterruptedException {
    Map<String, Path> fetched = fetched(service);
    if (fetched.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Path> model : fetched.entrySet()) {
      try {
        engine.putFiles(sidecar, PodModels.DIR + "/" + model.getKey(), PodModels.files(model.getValue()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot read the exported model " + model.getKey() + ": "
            + e.getMessage(), e);
      }
    }
    List<String> argv = new ArrayList<>(AGENT);
    argv.addAll(List.of("hub", String.valueOf(PodModels.PORT), PodModels.DIR, String.valueOf(serveFor.toMillis())));
    List<String> err = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch listening = new CountDownLatch(1);
    try (ContainerEngine.Exec hub = engine.exec(sidecar, argv, line -> {
      if (line.startsWith(LoadAgent.LISTENING)) {
        listening.countDown();
      }
    }, err::add)) {
      long deadline = System.nanoTime() + AGENT_START.toNanos();
      while (!listening.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
        cancel.check();
        if (System.nanoTime() > deadline || hub.await(Duration.ZERO).isPresent()) {
          throw new IllegalStateException("the model hub in the load sidecar did not start: "
              + SidecarDriver.tail(err));
        }
      }
    }
  }

  @Override
  public void close() {
    // The image stays, a cache for the next run; its containers go with each pod.
  }
}
