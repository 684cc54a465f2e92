package dev.servescope.app.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What {@code servescope inspect} says of an image. Field names are the report's JSON.
 *
 * @param image the reference inspected
 * @param sizeBytes the engine's image size; the layers' sizes add up to it
 * @param transferBytes what a registry would move: every layer as gzip
 * @param layers bottom layer first
 * @param wastedBytes bytes the image carries that no container can see: files a later layer removed or overwrote
 * @param efficiency dive's score: over every path, its smallest version's bytes over all its versions' bytes (1 when
 *     nothing is ever removed or overwritten)
 * @param files visible files
 * @param topFiles the biggest visible files
 * @param topFolders the biggest folders, three levels deep at most
 * @param categories visible bytes by kind
 */
public record ImageReport(
    String image,
    @JsonProperty("size_bytes") long sizeBytes,
    @JsonProperty("transfer_bytes") long transferBytes,
    List<LayerReport> layers,
    @JsonProperty("wasted_bytes") long wastedBytes,
    double efficiency,
    int files,
    @JsonProperty("top_files") List<PathSize> topFiles,
    @JsonProperty("top_folders") List<PathSize> topFolders,
    Map<String, Long> categories) {

  /**
   * One layer.
   *
   * @param createdBy the instruction that made it
   * @param sizeBytes the engine's size of the layer
   * @param transferBytes the layer as gzip
   * @param filesAdded files (not folders) new in this layer
   * @param filesChanged files this layer replaced
   * @param filesRemoved files of the layers below that this layer hides (deleted, or under an opaque folder)
   * @param wastedBytes bytes of the layers below that this layer made invisible
   */
  public record LayerReport(
      @JsonProperty("created_by") String createdBy,
      @JsonProperty("size_bytes") long sizeBytes,
      @JsonProperty("transfer_bytes") long transferBytes,
      @JsonProperty("files_added") int filesAdded,
      @JsonProperty("files_changed") int filesChanged,
      @JsonProperty("files_removed") int filesRemoved,
      @JsonProperty("wasted_bytes") long wastedBytes) {}

  /**
   * A path and its bytes.
   *
   * @param path the path, from the root
   * @param sizeBytes its bytes (a folder: of everything visible in it)
   */
  public record PathSize(String path, @JsonProperty("size_bytes") long sizeBytes) {}
}
