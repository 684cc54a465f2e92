package dev.servescope.app.ladder;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to build.
 *
 * @param contextDir build context
 * @param dockerfile the Dockerfile, inside the context
 * @param tag image tag
 * @param buildArgs build arguments
 * @param labels labels added to the image
 */
public record BuildRequest(Path contextDir, Path dockerfile, String tag, Map<String, String> buildArgs,
    Map<String, String> labels) {

  /** A context with its Dockerfile at the root. */
  public BuildRequest(Path contextDir, String tag, Map<String, String> buildArgs, Map<String, String> labels) {
    this(contextDir, contextDir.resolve("Dockerfile"), tag, buildArgs, labels);
  }
}
