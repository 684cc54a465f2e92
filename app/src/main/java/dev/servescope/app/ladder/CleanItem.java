package dev.servescope.app.ladder;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One thing ServeScope left behind, and what clean-up did with it.
 *
 * @param kind {@code container}, {@code image}, {@code base-image} or {@code folder}
 * @param id the engine's short id, or the folder's path
 * @param name a tag, a container's image, or the folder's name
 * @param sizeBytes its size: an image's as {@code docker image ls} shows it, a container's writes, a folder's files
 * @param freesBytes what removing it alone frees: an image's layers shared with no other image (so removing several
 *     images that share layers frees more than the sum)
 * @param action {@link #REMOVED}, {@link #WOULD_REMOVE}, {@link #KEPT} or {@link #FAILED}
 * @param reason why it was kept or could not be removed; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CleanItem(
    String kind,
    String id,
    String name,
    @JsonProperty("size_bytes") long sizeBytes,
    @JsonProperty("frees_bytes") long freesBytes,
    String action,
    String reason) {

  public static final String REMOVED = "removed";
  public static final String WOULD_REMOVE = "would remove";
  public static final String KEPT = "kept";
  public static final String FAILED = "failed";

  /** The same item after an action. */
  public CleanItem with(String newAction, String newReason) {
    return new CleanItem(kind, id, name, sizeBytes, freesBytes, newAction, newReason);
  }
}
