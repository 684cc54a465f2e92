package dev.servescope.app.ladder.result;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a run's load generator ran and on which CPUs, so that a reader knows what sat between load and service.
 *
 * @param placement {@code sidecar}: in a container of its own sharing each measured container's network namespace,
 *     sending to 127.0.0.1 there (no proxy in the path); {@code host}: on the machine ServeScope runs on, through the
 *     port the container publishes on 127.0.0.1 (the engine's proxy in the path)
 * @param image the sidecar's image; null on the host
 * @param loadCpuset the CPUs the sidecar runs on; null when it shares them with the service
 * @param serverCpuset the CPUs each measured container runs on; null when not pinned
 */
public record LoadSetup(
    String placement,
    String image,
    @JsonProperty("load_cpuset") String loadCpuset,
    @JsonProperty("server_cpuset") String serverCpuset) {

  public static final String SIDECAR = "sidecar";
  public static final String HOST = "host";

  /** {@code sidecar on CPU 1, service on CPU 0}. */
  public String summary() {
    if (HOST.equals(placement)) {
      return "load on the host, through the published port";
    }
    return loadCpuset == null ? "load in a sidecar, sharing the CPUs"
        : "load in a sidecar on CPU " + loadCpuset + ", service on CPU " + serverCpuset;
  }
}
