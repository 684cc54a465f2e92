package dev.servescope.app.ladder;

/**
 * The Docker engine ServeScope talks to.
 *
 * @param version engine version, e.g. 20.10.24
 * @param apiVersion negotiated API version, e.g. 1.41
 * @param host where it was reached, e.g. unix:///var/run/docker.sock
 */
public record EngineInfo(
    String version, @com.fasterxml.jackson.annotation.JsonProperty("api_version") String apiVersion, String host) {}
