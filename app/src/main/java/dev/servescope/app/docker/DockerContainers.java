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
import dev.servescope.app.ladder.ContainerSize;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.OwnerProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

  /** Publishes the port on 127.0.0.1 only, at a free host port, under the spec's limits. */
  String startContainer(ContainerSpec spec) {
    String id = engine.call("create a container of " + spec.image(), () -> {
      ExposedPort exposed = ExposedPort.tcp(spec.port());
      HostConfig host = HostConfig.newHostConfig()
          .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), exposed))
          .withExtraHosts("host.docker.internal:host-gateway");
      if (spec.limits() != null) {
        // Memory and swap alike: a rung that needs more than its share fails instead of swapping its way to slow.
        host.withNanoCPUs(Math.round(spec.limits().cpus() * 1e9)).withMemory(spec.limits().memoryBytes())
            .withMemorySwap(spec.limits().memoryBytes());
      }
      Map<String, String> all = new java.util.HashMap<>(spec.labels());
      all.put(Labels.OWNER, OwnerProcess.current().label());
      return client.createContainerCmd(spec.image()).withEnv(spec.env()).withExposedPorts(exposed).withLabels(all)
          .withHostConfig(host).exec().getId();
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
      return new ContainerSize(c.getSizeRw() == null ? 0 : c.getSizeRw(),
          c.getSizeRootFs() == null ? 0 : c.getSizeRootFs());
    });
  }

  /** Usage minus the inactive file cache. */
  long memoryUsage(String containerId) {
    return engine.call("container stats", () -> {
      java.util.concurrent.atomic.AtomicLong memory = new java.util.concurrent.atomic.AtomicLong(-1);
      ResultCallback.Adapter<Statistics> cb = new ResultCallback.Adapter<>() {
        @Override
        public void onNext(Statistics s) {
          memory.compareAndSet(-1, usage(s));
        }
      };
      client.statsCmd(containerId).withNoStream(true).exec(cb).awaitCompletion(30, TimeUnit.SECONDS);
      return Math.max(0, memory.get());
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
      return "state unknown: " + DockerEngine.rootMessage(e);
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
      return "(logs unavailable: " + DockerEngine.rootMessage(e) + ")";
    }
    return sb.toString().strip();
  }

  void removeContainer(String containerId) {
    try {
      client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      LOG.debug("container {} already gone", containerId);
    } catch (RuntimeException e) {
      LOG.warn("cannot remove container {}: {}", containerId, DockerEngine.rootMessage(e));
    }
  }
}
