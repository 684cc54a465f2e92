package dev.servescope.app.ladder;

/**
 * The container engine ServeScope talks to.
 *
 * @param version engine version, e.g. 20.10.24
 * @param apiVersion negotiated API version, e.g. 1.41
 * @param host where it was reached, e.g. unix:///var/run/docker.sock
 * @param kind {@link #DOCKER} or {@link #PODMAN} (through its Docker-compatible API); null when not known
 */
public record EngineInfo(
    String version, @com.fasterxml.jackson.annotation.JsonProperty("api_version") String apiVersion, String host,
    String kind) {
  public static final String DOCKER = "docker";
  public static final String PODMAN = "podman";

  /** An engine of a kind not known (runs recorded before ServeScope told them apart). */
  public EngineInfo(String version, String apiVersion, String host) {
    this(version, apiVersion, host, null);
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isPodman() {
    return PODMAN.equals(kind);
  }

  /** "Podman 4.3.1", "Docker 20.10.24". */
  public String name() {
    return (isPodman() ? "Podman" : "Docker") + " " + version;
  }
}
