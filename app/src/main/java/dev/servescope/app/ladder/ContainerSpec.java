package dev.servescope.app.ladder;

import java.util.List;
import java.util.Map;

/**
 * A container to start. On its own network it publishes {@code port} on the host's loopback address only; joined to
 * another container's network namespace it publishes nothing and is reached on that namespace's loopback.
 *
 * @param image image reference
 * @param env {@code NAME=value} entries
 * @param port the port the server listens on inside the container; 0 for none
 * @param labels labels; the engine adds the owner
 * @param limits CPU and memory limits; null for none
 * @param cpuset the CPUs it may run on, as {@code docker run --cpuset-cpus} ({@code 0}, {@code 0-2}); null for any
 * @param joinNetworkOf the container whose network namespace it shares ({@code --network container:ID}); null for
 *     its own
 * @param command the command in place of the image's; null for the image's
 * @param engineInside whether it runs a container engine of its own (an empty node): it then gets the privileges
 *     that needs on these machines, short of {@code --privileged}
 */
public record ContainerSpec(String image, List<String> env, int port, Map<String, String> labels, Limits limits,
    String cpuset, String joinNetworkOf, List<String> command, boolean engineInside) {

  /**
   * An idle container ({@code sleep infinity}) in another's network namespace (null: its own), on these CPUs (null:
   * any).
   */
  public static ContainerSpec idleBeside(String image, Map<String, String> labels, String container, String cpus) {
    return new ContainerSpec(image, List.of(), 0, labels, null, cpus, container, List.of("sleep", "infinity"), false);
  }

  /** A container on its own network, publishing {@code port}, on any CPU. */
  public ContainerSpec(String image, List<String> env, int port, Map<String, String> labels, Limits limits) {
    this(image, env, port, labels, limits, null, null, null, false);
  }

  /** A container without limits. */
  public ContainerSpec(String image, List<String> env, int port, Map<String, String> labels) {
    this(image, env, port, labels, null);
  }

  /** The same container in another's network namespace, on these CPUs. */
  public ContainerSpec joining(String container, String cpus) {
    return new ContainerSpec(image, env, port, labels, limits, cpus, container, command, engineInside);
  }

  /** The same container, running an engine of its own. */
  public ContainerSpec withEngineInside() {
    return new ContainerSpec(image, env, port, labels, limits, cpuset, joinNetworkOf, command, true);
  }
}
