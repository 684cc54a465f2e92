package dev.servescope.app.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StreamType;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.ContainerSize;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.ContainerTimes;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.host.OwnerProcess;
import dev.servescope.app.ladder.measure.ColdStart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The container half of the engine adapter: start, inspect, measure and remove the containers ServeScope runs. */
final class DockerContainers {
  private static final Logger LOG = LoggerFactory.getLogger(DockerContainers.class);

  private final DockerEngine engine;
  private final DockerClient client;

  DockerContainers(DockerEngine engine, DockerClient client) {
    this.engine = engine;
    this.client = client;
  }

  /**
   * Publishes the port on 127.0.0.1 only, at a free host port, under the spec's limits; or joins another container's
   * network namespace, which then holds its host names too.
   */
  String startContainer(ContainerSpec spec) {
    String id = engine.call("create a container of " + spec.image(), () -> {
      HostConfig host = HostConfig.newHostConfig();
      var create = client.createContainerCmd(spec.image()).withEnv(spec.env());
      if (spec.network() != null) {
        host.withNetworkMode(spec.network());
      } else {
        host.withExtraHosts("host.docker.internal:host-gateway");
        if (spec.port() > 0) {
          ExposedPort exposed = ExposedPort.tcp(spec.port());
          host.withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), exposed));
          create.withExposedPorts(exposed);
        }
      }
      if (spec.limits() != null) {
        // Memory and swap alike: a rung that needs more than its share fails instead of swapping its way to slow.
        host.withNanoCPUs(Math.round(spec.limits().cpus() * 1e9)).withMemory(spec.limits().memoryBytes())
            .withMemorySwap(spec.limits().memoryBytes());
      }
      if (spec.cpuset() != null) {
        host.withCpusetCpus(spec.cpuset());
      }
      if (spec.command() != null) {
        create.withCmd(spec.command());
      }
      if (engine.info().isPodman()) {
        // Podman's default limits are above what its own process may hand on without CAP_SYS_RESOURCE (here: 20000
        // files): every start fails with "error setting rlimit type 7". 4096 files is below any usual hard limit
        // and far above what a rung or the load sidecar opens.
        host.withUlimits(List.of(new com.github.dockerjava.api.model.Ulimit("nofile", 4096L, 4096L),
            new com.github.dockerjava.api.model.Ulimit("nproc", 4096L, 4096L)));
      }
      if (spec.volumesFrom() != null) {
        host.withVolumesFrom(new com.github.dockerjava.api.model.VolumesFrom(spec.volumesFrom()));
      }
      if (spec.engineInside()) {
        // What an engine in a container needs here: --privileged fails on these machines (the bounding set lacks
        // CAP_SYS_RESOURCE), every other capability and no seccomp or AppArmor profile will do.
        host.withCapAdd(com.github.dockerjava.api.model.Capability.ALL)
            .withCapDrop(com.github.dockerjava.api.model.Capability.SYS_RESOURCE)
            .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"));
      }
      Map<String, String> all = new java.util.HashMap<>(spec.labels());
      all.put(Labels.OWNER, OwnerProcess.current().label());
      return create.withLabels(all).withHostConfig(host).exec().getId();
    });
    try {
      engine.call("start a container of " + spec.image(), () -> client.startContainerCmd(id).exec());
      return id;
    } catch (RuntimeException e) {
      removeContainer(id);
      throw e;
    }
  }

  int hostPort(String containerId, int port) {
    return engine.call("inspect container", () -> {
      Ports.Binding[] b = client.inspectContainerCmd(containerId).exec().getNetworkSettings().getPorts()
          .getBindings().get(ExposedPort.tcp(port));
      if (b == null || b.length == 0) {
        throw new IllegalStateException("container " + containerId + " publishes no port for " + port);
      }
      return Integer.parseInt(b[0].getHostPortSpec());
    });
  }

  boolean isRunning(String containerId) {
    return engine.call("inspect container", () -> Boolean.TRUE.equals(
        client.inspectContainerCmd(containerId).exec().getState().getRunning()));
  }

  ContainerSize containerSize(String containerId) {
    return engine.call("container size", () -> {
      List<Container> list = client.listContainersCmd().withShowAll(true).withShowSize(true)
          .withIdFilter(List.of(containerId)).exec();
      if (list.isEmpty()) {
        throw new IllegalStateException("container " + containerId + " is gone");
      }
      Container c = list.get(0);
      long rw = c.getSizeRw() == null ? 0 : c.getSizeRw();
      if (engine.info().isPodman()) {
        // Podman's SizeRootFs leaves the writes out and counts the image its own way: the image as the ladder
        // measured it, plus the writes, is what Docker reports.
        return new ContainerSize(rw, engine.imageSize(c.getImageId()) + rw);
      }
      return new ContainerSize(rw, c.getSizeRootFs() == null ? 0 : c.getSizeRootFs());
    });
  }

  /** Usage minus the inactive file cache. */
  long memoryUsage(String containerId) {
    Statistics s = stats(containerId);
    return s == null ? 0 : usage(s);
  }

  /**
   * The container's CPU time so far: from the stats, or, when they carry none, from its cgroup's files read inside
   * it (which needs {@code cat} in the image).
   */
  ContainerEngine.CpuTime cpuTime(String containerId) {
    Statistics s = stats(containerId);
    Instant now = Instant.now();
    if (s != null && CpuUsage.fromStats(s).isPresent()) {
      return new ContainerEngine.CpuTime(CpuUsage.fromStats(s).getAsLong(), CpuUsage.readAt(s, now));
    }
    OptionalLong fromFiles = CpuUsage.fromCgroupV2(cat(containerId, CpuUsage.CGROUP_V2));
    if (fromFiles.isEmpty()) {
      fromFiles = CpuUsage.fromCgroupV1(cat(containerId, CpuUsage.CGROUP_V1));
    }
    if (fromFiles.isEmpty()) {
      throw new IllegalStateException("the engine's stats carry no CPU time for container " + containerId
          + ", and its cgroup's files cannot be read inside it (no cat in the image?)");
    }
    return new ContainerEngine.CpuTime(fromFiles.getAsLong(), now);
  }

  /** A file's text read with {@code cat} inside the container; empty when that fails. */
  private String cat(String containerId, String path) {
    StringBuilder out = new StringBuilder();
    try (ContainerEngine.Exec e = exec(containerId, List.of("cat", path), line -> out.append(line).append('\n'),
        line -> { })) {
      OptionalLong code = e.await(Duration.ofSeconds(10));
      return code.isPresent() && code.getAsLong() == 0 ? out.toString() : "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** One reading of the engine's stats; null when it gave none. */
  private Statistics stats(String containerId) {
    return engine.call("container stats", () -> {
      var first = new java.util.concurrent.atomic.AtomicReference<Statistics>();
      ResultCallback.Adapter<Statistics> cb = new ResultCallback.Adapter<>() {
        @Override
        public void onNext(Statistics s) {
          first.compareAndSet(null, s);
        }
      };
      client.statsCmd(containerId).withNoStream(true).exec(cb).awaitCompletion(30, TimeUnit.SECONDS);
      return first.get();
    });
  }

  private static long usage(Statistics s) {
    if (s.getMemoryStats() == null || s.getMemoryStats().getUsage() == null) {
      return 0;
    }
    long usage = s.getMemoryStats().getUsage();
    Map<String, Long> stats = s.getMemoryStats().getStats() == null ? Map.of() : statsMap(s);
    long inactive = stats.getOrDefault("total_inactive_file", stats.getOrDefault("inactive_file", 0L));
    return Math.max(0, usage - inactive);
  }

  private static Map<String, Long> statsMap(Statistics s) {
    var st = s.getMemoryStats().getStats();
    java.util.HashMap<String, Long> m = new java.util.HashMap<>();
    if (st.getTotalInactiveFile() != null) {
      m.put("total_inactive_file", st.getTotalInactiveFile());
    }
    if (st.getInactiveFile() != null) {
      m.put("inactive_file", st.getInactiveFile());
    }
    return m;
  }

  String exitSummary(String containerId) {
    try {
      var state = client.inspectContainerCmd(containerId).exec().getState();
      Long code = state.getExitCodeLong();
      String summary = "exit code " + (code == null ? "unknown" : code);
      if (Boolean.TRUE.equals(state.getOOMKilled())) {
        summary += ", killed at its memory limit";
      }
      return state.getError() == null || state.getError().isBlank() ? summary : summary + ", " + state.getError();
    } catch (RuntimeException e) {
      return "state unknown: " + EngineErrors.rootMessage(e);
    }
  }

  String logTail(String containerId, int lines) {
    StringBuilder sb = new StringBuilder();
    try {
      client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame f) {
              sb.append(new String(f.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            }
          }).awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      return "(logs unavailable: " + EngineErrors.rootMessage(e) + ")";
    }
    return sb.toString().strip();
  }

  ContainerTimes times(String containerId) {
    return engine.call("inspect container", () -> {
      var c = client.inspectContainerCmd(containerId).exec();
      Instant started = c.getState().getStartedAt() == null ? null : Instant.parse(c.getState().getStartedAt());
      return new ContainerTimes(Instant.parse(c.getCreated()),
          started == null || started.getEpochSecond() <= 0 ? null : started);
    });
  }

  Optional<Instant> firstLogLine(String containerId, Pattern line) {
    List<String> lines = new ArrayList<>();
    try {
      client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(true)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame f) {
              lines.addAll(new String(f.getPayload(), StandardCharsets.UTF_8).lines().toList());
            }
          }).awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (RuntimeException e) {
      LOG.debug("cannot read the log of {}: {}", containerId, EngineErrors.rootMessage(e));
      return Optional.empty();
    }
    return ColdStart.firstLineTime(lines, line);
  }

  ContainerEngine.Exec exec(String containerId, List<String> command, Consumer<String> out, Consumer<String> err) {
    String execId = engine.call("create a command in a container", () -> client.execCreateCmd(containerId)
        .withAttachStdout(true).withAttachStderr(true).withCmd(command.toArray(String[]::new)).exec().getId());
    LineSplitter stdout = new LineSplitter(out);
    LineSplitter stderr = new LineSplitter(err);
    // The callback's own timed await closes the stream when it times out: wait on a latch of our own instead.
    java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame f) {
        (f.getStreamType() == StreamType.STDERR ? stderr : stdout).accept(f.getPayload());
      }

      @Override
      public void onComplete() {
        ended.countDown();
        super.onComplete();
      }

      @Override
      public void onError(Throwable t) {
        ended.countDown();
        super.onError(t);
      }
    };
    engine.call("start a command in a container", () -> client.execStartCmd(execId).exec(callback));
    return new ContainerEngine.Exec() {
      @Override
      public OptionalLong await(Duration timeout) throws InterruptedException {
        if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          return OptionalLong.empty();
        }
        stdout.flush();
        stderr.flush();
        Long code = engine.call("inspect a command", () -> client.inspectExecCmd(execId).exec().getExitCodeLong());
        return code == null ? OptionalLong.empty() : OptionalLong.of(code);
      }

      @Override
      public void close() {
        try {
          callback.close();
        } catch (java.io.IOException e) {
          LOG.debug("closing a command's output: {}", e.getMessage());
        }
      }
    };
  }

  /** Bytes of a stream, as the lines they make, however the frames cut them. */
  private static final class LineSplitter {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineSplitter(Consumer<String> lines) {
      this.lines = lines;
    }

    synchronized void accept(byte[] bytes) {
      for (byte b : bytes) {
        if (b == '\n') {
          flush();
        } else {
          pending.write(b);
        }
      }
    }

    synchronized void flush() {
      if (pending.size() > 0) {
        lines.accept(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
      }
    }
  }

  void removeContainer(String containerId) {
    try {
      client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      LOG.debug("container {} already gone", containerId);
    } catch (RuntimeException e) {
      LOG.warn("cannot remove container {}: {}", containerId, EngineErrors.rootMessage(e));
    }
  }
}
