package dev.servescope.app.ladder;

import java.util.List;
import java.util.Map;

/**
 * A container to start. On its own network it publishes {@code port} on the host's loopback address only; joined to
 * another container's network namespace, or the host's, it publishes nothing and is reached on that namespace's
 * loopback.
 *
 * @param image image reference
 * @param env {@code NAME=value} entries
 * @param port the port the server listens on inside the container; 0 for none
 * @param labels labels; the engine adds the owner
 * @param limits CPU and memory limits; null for none
 * @param cpuset the CPUs it may run on, as {@code docker run --cpuset-cpus} ({@code 0}, {@code 0-2}); null for any
 * @param network the network namespace it shares, as {@code docker run --network} names it: {@code container:ID}
 *     or {@code host}; null for its own
 * @param command the command in place of the image's; null for the image's
 * @param engineInside whether it runs a container engine of its own (an empty node): it then gets the privileges
 *     that needs on these machines, short of {@code --privileged}
 * @param volumesFrom the container whose volumes it mounts too ({@code --volumes-from}); null for none
 */
public record ContainerSpec(String image, List<String> env, int port, Map<String, String> labels, Limits limits,
    String cpuset, String network, List<String> command, boolean engineInside, String volumesFrom) {
  /** The host's network namespace. */
  public static final String HOST_NETWORK = "host";

  /**
   * An idle container ({@code sleep infinity}) in another's network namespace (null: its own), on these CPUs (null:
   * any).
   */
  public static ContainerSpec idleBeside(String image, Map<String, String> labels, String container, String cpus) {
    return new ContainerSpec(image, List.of(), 0, labels, null, cpus, container == null ? null : "container:"
        + container, List.of("sleep", "infinity"), false, null);
  }

  /** A container on its own network, publishing {@code port}, on any CPU. */
  public ContainerSpec(String image, List<String> env, int port, Map<String, String> labels, Limits limits) {
    this(image, env, port, labels, limits, null, null, null, false, null);
  }

  /** A container without limits. */
  public ContainerSpec(String image, List<String> env, int port, Map<String, String> labels) {
    this(image, env, port, labels, null);
  }

  /** The same container in another's network namespace, on these CPUs. */
  public ContainerSpec joining(String container, String cpus) {
    return new ContainerSpec(image, env, port, labels, limits, cpus, "container:" + container, command, engineInside,
        volumesFrom);
  }

  /** The same container, running an engine of its own. */
  public ContainerSpec withEngineInside() {
    return new ContainerSpec(image, env, port, labels, limits, cpuset, network, command, true, volumesFrom);
  }

  /**
   * The same container in the host's network namespace (where a registry on the host's loopback is reached). Never
   * for an engine inside: an engine there would take the host engine's bridge for a stale one of its own.
   */
  public ContainerSpec onHostNetwork() {
    if (engineInside) {
      throw new IllegalArgumentException("an engine in a container on the host's network would remove the host"
          + " engine's bridge");
    }
    return new ContainerSpec(image, env, 0, labels, limits, cpuset, HOST_NETWORK, command, false, volumesFrom);
  }

  /** The same container, mounting the volumes of {@code container} too. */
  public ContainerSpec withVolumesFrom(String container) {
    return new ContainerSpec(image, env, port, labels, limits, cpuset, network, command, engineInside, container);
  }
}
