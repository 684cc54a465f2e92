package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.BuildRequest;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.file.Bandwidth;
import dev.servescope.app.ladder.file.Registry;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.host.WorkFolders;
import dev.servescope.app.ladder.result.Pull;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * An engine with an empty image store, to measure what pulling an image costs a new node: Debian's Docker engine and
 * Debian's registry in one container ({@code dockerfiles/node}), and the load sidecar in the same network namespace
 * running the bandwidth limiter between them. Each image goes into the node's registry from inside the node (loaded
 * from this engine's {@code docker save}, pushed to 127.0.0.1), then the node's engine, emptied, pulls it through the
 * limiter once per bandwidth. Nothing leaves the node's namespace; nothing is published on the host.
 *
 * <p>With the user's registry, this engine pushes each image there instead, and a gate beside the node (the load
 * image on the host's network, where a registry on the host's loopback is reached too) relays from a Unix socket on
 * the node's volume to that registry; the limiter forwards to the socket. The node itself stays in its own namespace:
 * an engine on the host's network would take the host engine's bridge for a stale one of its own and remove it.
 * Closing it removes the node, its volumes, the sidecar and the gate; what was pushed to the user's registry stays.
 */
public final class EmptyNode implements AutoCloseable {
  /** The node's image, built when a run measures pulls (from cache when unchanged). */
  public static final String IMAGE = "servescope-node:latest";
  /** Where the node's own registry listens: {@code dockerfiles/node/registry.yml}. */
  private static final int REGISTRY_PORT = Registry.NODES_OWN.port();
  private static final String IMPORT = "/var/lib/servescope-import";
  /** The gate's socket, on a volume of the node's that the gate and the sidecar mount too. */
  private static final String GATE = "/var/lib/servescope-gate/registry.sock";
  private static final Duration ENGINE_START = Duration.ofSeconds(90);
  private static final Duration STEP = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(250);
  /** Leaves the node's image store empty, the registry's copy aside. */
  private static final String EMPTY = "docker image rm -f $(docker image ls -aq) > /dev/null 2>&1;"
      + " docker image prune -af > /dev/null && test -z \"$(docker image ls -aq)\"";
  /**
   * Loads the image unpacked in {@code $3} into the node's engine, pushes it ({@code $1}, an image ID) to the node's
   * registry as {@code $2}, then empties the folder and the engine. Every value is an argument, never part of the
   * script's text.
   */
  private static final String PUSH = "cd \"$3\" && tar -cf - . | docker load -q > /dev/null"
      + " && find \"$3\" -mindepth 1 -delete && docker tag \"$1\" \"$2\" && docker push -q \"$2\" > /dev/null && "
      + EMPTY;

  private final ContainerEngine engine;
  private final Cancellation cancel;
  private final String node;
  private final List<String> beside;
  private final Registry registry;

  private EmptyNode(ContainerEngine engine, Cancellation cancel, String node, List<String> beside,
      Registry registry) {
    this.engine = engine;
    this.cancel = cancel;
    this.node = node;
    this.beside = beside;
    this.registry = registry;
  }

  /** The limiter's container, in the node's namespace. */
  private String sidecar() {
    return beside.get(0);
  }

  /** Builds the node's image from {@code dockerfiles/node} on the local Debian base. */
  public static void buildImage(ContainerEngine engine, ProjectLayout layout, Path workDir, Consumer<String> log,
      Consumer<String> status, Cancellation cancel) throws IOException {
    Path source = layout.dockerfiles().resolve("node");
    Path context = Files.createDirectories(workDir.resolve("node"));
    try {
      for (String f : List.of("Dockerfile", "registry.yml", "node.sh")) {
        Files.copy(source.resolve(f), context.resolve(f));
      }
      context.resolve("node.sh").toFile().setExecutable(true, false);
      Map<String, String> args = engine.prepareBaseImages(Files.readString(source.resolve("Dockerfile")),
          layout.dockerfiles().resolve("base"), workDir, log, status, cancel);
      status.accept("building the empty node (Docker engine and registry)");
      engine.build(new BuildRequest(context, IMAGE, args, Map.of(Labels.MANAGED, Labels.LADDER, Labels.VERSION,
          "node")), log, cancel);
    } finally {
      WorkFolders.delete(context);
    }
  }

  /**
   * Starts the node and the sidecar beside it (the sidecar's image must exist: {@link SidecarLoad#buildImage}) and
   * waits until the node's engine answers.
   *
   * @param labels the run's labels, so that a clean-up finds what a crash left
   * @param registry the user's registry to push to and pull from; null for the node's own
   */
  public static EmptyNode start(ContainerEngine engine, Map<String, String> labels, Registry registry,
      Cancellation cancel) throws InterruptedException {
    String node = engine.startContainer(new ContainerSpec(IMAGE, List.of(), 0, withRole(labels, "node"))
        .withEngineInside());
    List<String> beside = new ArrayList<>();
    try {
      ContainerSpec limiter = ContainerSpec.idleBeside(SidecarLoad.IMAGE, withRole(labels, "node-limiter"), node, null);
      beside.add(engine.startContainer(registry == null ? limiter : limiter.withVolumesFrom(node)));
      if (registry != null) {
        beside.add(engine.startContainer(ContainerSpec.idleBeside(SidecarLoad.IMAGE, withRole(labels, "node-gate"),
            null, null).withVolumesFrom(node).onHostNetwork()));
      }
      EmptyNode n = new EmptyNode(engine, cancel, node, List.copyOf(beside), registry);
      n.awaitEngine();
      return n;
    } catch (RuntimeException | InterruptedException e) {
      beside.forEach(engine::removeContainer);
      engine.removeContainer(node);
      throw e;
    }
  }

  private static Map<String, String> withRole(Map<String, String> labels, String role) {
    Map<String, String> own = new LinkedHashMap<>(labels);
    own.put(Labels.VERSION, role);
    return own;
  }

  private void awaitEngine() throws InterruptedException {
    long deadline = System.nanoTime() + ENGINE_START.toNanos();
    while (true) {
      Run r = run(node, List.of("docker", "version", "--format", "{{.Server.Version}}"), Duration.ofSeconds(20));
      if (r.code() == 0) {
        return;
      }
      if (!engine.isRunning(node)) {
        throw new IllegalStateException("the empty node stopped before its engine answered (no privileges for an"
            + " engine in a container here?): " + engine.logTail(node, 5) + " " + r.text());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the empty node's engine did not answer within " + ENGINE_START.toSeconds()
            + " s: " + r.text());
      }
      cancel.rest(Duration.ofMillis(500));
    }
  }

  /**
   * Pushes the image into the registry, then pulls it onto the emptied node once per bandwidth. A step that fails
   * ends the measurement with its reason; figures measured before it stand.
   *
   * @param ref the image on this engine
   * @param rung the rung, for the repository's name
   * @param runId the run, for the repository's tag
   */
  public Pull measure(String ref, String rung, String runId, List<Bandwidth> bandwidths, Consumer<String> log)
      throws InterruptedException {
    String id;
    try {
      id = engine.imageId(ref);
    } catch (RuntimeException e) {
      return Pull.failed(null, null, "no image " + ref + " on this engine to pull: " + e.getMessage());
    }
    String repository = (registry == null ? Registry.NODES_OWN : registry).repository(rung, runId);
    String refused = registry == null ? pushInside(ref, id, repository) : pushToUsers(ref, repository, log);
    if (refused != null) {
      return Pull.failed(id, repository, refused);
    }
    Map<String, Long> total = new LinkedHashMap<>();
    Map<String, Long> download = new LinkedHashMap<>();
    Map<String, Long> extract = new LinkedHashMap<>();
    Long bytes = null;
    for (Bandwidth b : bandwidths) {
      cancel.check();
      Limited pulled = pullAt(b, repository);
      if (pulled.error() != null) {
        return new Pull(id, repository, bytes, total, download, extract, null, "at " + b.name() + ": "
            + pulled.error());
      }
      total.put(b.name(), pulled.log().totalMs());
      download.put(b.name(), pulled.log().downloadMs());
      extract.put(b.name(), pulled.log().extractMs());
      bytes = pulled.bytes();
      log.accept(String.format(Locale.ROOT, "pulled %.1f MB at %s in %d ms (download %d ms, then extraction %d ms)",
          pulled.bytes() / 1e6, b.name(), pulled.log().totalMs(), pulled.log().downloadMs(),
          pulled.log().extractMs()));
    }
    return new Pull(id, repository, bytes, total, download, extract, null, null);
  }

  /** Into the node's own registry, from inside the node; why not, or null. */
  private String pushInside(String ref, String id, String repository) throws InterruptedException {
    try {
      engine.copyImageInto(ref, node, IMPORT);
    } catch (RuntimeException e) {
      return "could not copy the image into the empty node: " + e.getMessage();
    }
    Run push = run(node, List.of("sh", "-c", PUSH, "push", id, repository, IMPORT), STEP);
    return push.code() == 0 ? null : "the node's registry did not take the image: " + push.text();
  }

  /** Into the user's registry, by this engine; why not, or null. */
  private String pushToUsers(String ref, String repository, Consumer<String> log) {
    try {
      engine.push(ref, repository, cancel);
      log.accept("pushed " + repository + " (it stays in your registry)");
      return null;
    } catch (java.util.concurrent.CancellationException e) {
      throw e;
    } catch (IllegalStateException e) {
      return "the registry " + registry.address() + " did not take the image: " + e.getMessage() + ". Is it"
          + " running and reachable from the engine? A registry without TLS must be among the engine's"
          + " insecure-registries unless it is on 127.0.0.1; one that asks for credentials is not supported";
    }
  }

  /** What one limited pull gave: its log and bytes, or why it failed. */
  private record Limited(PullLog log, long bytes, String error) {}

  private Limited pullAt(Bandwidth b, String repository) throws InterruptedException {
    Relay gate = null;
    Relay limiter = null;
    try {
      if (registry != null) {
        gate = Relay.start(engine, beside.get(1), GATE, registry.address(), 0, cancel);
      }
      limiter = Relay.start(engine, sidecar(), "0", registry == null ? String.valueOf(REGISTRY_PORT) : GATE,
          b.bytesPerSecond(), cancel);
      // The node pulls from the limiter, on its loopback: an address every engine reaches over plain HTTP.
      String through = "127.0.0.1:" + limiter.port() + repository.substring(repository.indexOf('/'));
      Run pull = run(node, List.of("sh", "-c", PullLog.SCRIPT, "pull", through), STEP);
      long bytes = limiter.stop();
      if (gate != null) {
        gate.stop();
      }
      run(node, List.of("sh", "-c", EMPTY), STEP);
      return PullLog.parse(pull.out()).map(log -> new Limited(log, bytes, null))
          .orElseGet(() -> new Limited(null, 0, pull.timedOut() ? "the pull stalled: no end within "
              + STEP.toMinutes() + " minutes" : "the pull failed: " + PullLog.failure(pull.out())));
    } catch (java.util.concurrent.CancellationException e) {
      throw e;
    } catch (IllegalStateException e) {
      return new Limited(null, 0, e.getMessage());
    } finally {
      if (limiter != null) {
        limiter.close();
      }
      if (gate != null) {
        gate.close();
      }
    }
  }

  /** A command's exit code (-1 when it did not end in time) and output. */
  private record Run(long code, List<String> out, List<String> err, boolean timedOut) {
    String text() {
      List<String> all = new ArrayList<>(out);
      all.addAll(err);
      return all.isEmpty() ? "no output" : String.join("; ", all.subList(Math.max(0, all.size() - 5), all.size()));
    }
  }

  private Run run(String container, List<String> command, Duration limit) throws InterruptedException {
    List<String> out = Collections.synchronizedList(new ArrayList<>());
    List<String> err = Collections.synchronizedList(new ArrayList<>());
    long deadline = System.nanoTime() + limit.toNanos();
    try (ContainerEngine.Exec exec = engine.exec(container, command, out::add, err::add);
        Cancellation.Registration ignored = cancel.register(exec::close)) {
      OptionalLong code;
      while ((code = exec.await(POLL)).isEmpty()) {
        cancel.check();
        if (System.nanoTime() > deadline) {
          return new Run(-1, List.copyOf(out), List.copyOf(err), true);
        }
      }
      return new Run(code.getAsLong(), List.copyOf(out), List.copyOf(err), false);
    }
  }

  /** Removes the sidecar, the gate, the node and the node's volumes (its engine's store and the registry). */
  @Override
  public void close() {
    beside.forEach(engine::removeContainer);
    engine.removeContainer(node);
  }
}
