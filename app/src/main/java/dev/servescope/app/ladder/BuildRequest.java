package dev.servescope.app.ladder;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to build.
 *
 * @param contextDir build context, with a Dockerfile at its root
 * @param tag image tag
 * @param buildArgs build arguments
 * @param labels labels added to the image
 */
public record BuildRequest(Path contextDir, String tag, Map<String, String> buildArgs, Map<String, String> labels) {}
