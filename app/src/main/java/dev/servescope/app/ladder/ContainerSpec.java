package dev.servescope.app.ladder;

import java.util.List;
import java.util.Map;

/**
 * A container to start: it publishes {@code port} on the host's loopback address only.
 *
 * @param image image reference
 * @param env {@code NAME=value} entries
 * @param port the port the server listens on inside the container
 * @param labels labels; the engine adds the owner
 * @param limits CPU and memory limits; null for none
 */
public record ContainerSpec(String image, List<String> env, int port, Map<String, String> labels, Limits limits) {

  /** A container without limits. */
  public ContainerSpec(String image, List<String> env, int port, Map<String, String> labels) {
    this(image, env, port, labels, null);
  }
}
