package dev.servescope.app.ladder.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rung's image pulled onto an empty node from a registry, through a bandwidth limiter, once per bandwidth.
 *
 * @param imageId the image's ID: a later run of the same image reuses these figures
 * @param repository where the image was pushed for the pull, as the node saw it
 * @param pulledBytes bytes that came down from the registry in one pull (layers, manifest, config, HTTP); null when
 *     no pull finished
 * @param pullMs per bandwidth, from the pull's start until the image was ready on the node
 * @param downloadMs per bandwidth, from the start until the engine said the last layer was downloaded
 * @param extractMs per bandwidth, what was left after the last download: unpacking the layers the engine had not
 *     unpacked yet
 * @param reusedFrom the run the figures were measured in when they were reused; null when measured in this run
 * @param error why a pull could not be measured; null when every pull was
 */
public record Pull(
    @JsonProperty("image_id") String imageId,
    String repository,
    @JsonProperty("pulled_bytes") Long pulledBytes,
    @JsonProperty("pull_ms") Map<String, Long> pullMs,
    @JsonProperty("download_ms") Map<String, Long> downloadMs,
    @JsonProperty("extract_ms") Map<String, Long> extractMs,
    @JsonProperty("reused_from") String reusedFrom,
    String error) {

  public Pull {
    pullMs = pullMs == null ? Map.of() : new LinkedHashMap<>(pullMs);
    downloadMs = downloadMs == null ? Map.of() : new LinkedHashMap<>(downloadMs);
    extractMs = extractMs == null ? Map.of() : new LinkedHashMap<>(extractMs);
  }

  /** A pull that could not be measured, and why. */
  public static Pull failed(String imageId, String repository, String why) {
    return new Pull(imageId, repository, null, Map.of(), Map.of(), Map.of(), null, why);
  }

  /** The same figures, marked as reused from run {@code runId}. */
  public Pull reusedFrom(String runId) {
    return new Pull(imageId, repository, pulledBytes, pullMs, downloadMs, extractMs, runId, error);
  }
}
