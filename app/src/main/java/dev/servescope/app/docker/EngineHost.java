package dev.servescope.app.docker;

import com.github.dockerjava.api.model.Version;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Hardware;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an engine is and where it runs: its kind, and this machine's CPU when it runs here. */
final class EngineHost {
  private static final Logger LOG = LoggerFactory.getLogger(EngineHost.class);

  private EngineHost() {}

  /** Podman, through its Docker-compatible API, names itself among the version's components. */
  static String kind(Version version) {
    boolean podman = version.getComponents() != null && version.getComponents().stream()
        .anyMatch(c -> c.getName() != null && c.getName().toLowerCase(Locale.ROOT).contains("podman"));
    return podman ? EngineInfo.PODMAN : EngineInfo.DOCKER;
  }

  /** Whether the engine runs on this machine, so that this machine's CPU is the engine's. */
  static boolean isLocal(String host) {
    return host.startsWith("unix://") || host.startsWith("npipe://") || host.matches("tcp://(127\\.[0-9.]+|localhost"
        + "|\\[::1\\])(:\\d+)?/?");
  }

  /** The engine's CPU as far as this machine can tell: its own when the engine runs here, else unknown. */
  static Hardware.CpuInfo cpu(String host) {
    return isLocal(host) ? localCpu() : new Hardware.CpuInfo(null, List.of());
  }

  private static Hardware.CpuInfo localCpu() {
    try {
      return Hardware.parseCpuInfo(Files.readString(Path.of("/proc/cpuinfo")));
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot read /proc/cpuinfo: {}", e.getMessage());
      return new Hardware.CpuInfo(null, List.of());
    }
  }
}
