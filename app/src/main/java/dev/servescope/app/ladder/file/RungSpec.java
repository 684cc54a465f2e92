package dev.servescope.app.ladder.file;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One rung of a ladder file: a built-in version, a Dockerfile built like {@code docker build}, or an existing image.
 *
 * @param id the rung's name in reports and budgets
 * @param builtin a built-in version's id, when the rung is one
 * @param dockerfile the Dockerfile to build, resolved against the ladder file's folder
 * @param context the build context (default: the Dockerfile's folder)
 * @param image an existing image, measured as it is
 * @param buildArgs build arguments
 * @param env environment of the container
 * @param lesson what the rung teaches, shown beside it
 * @param probe how to talk to the service ({@link Probe#SERVESCOPE} unless the file says otherwise)
 * @param labels the service's labels translated to the reference's (e.g. {@code "1": positive})
 * @param prepare a command run on the host in the context folder before the build (e.g. one that fetches
 *     dependencies, since nothing can be downloaded inside the build); empty for none
 * @param downloadsModel a ServeScope model the rung's container downloads when it starts (from {@code MODEL_URL},
 *     which ServeScope sets to a model hub in its pod); null for none. Built-in rungs say it themselves.
 */
public record RungSpec(String id, String builtin, Path dockerfile, Path context, String image,
    Map<String, String> buildArgs, Map<String, String> env, String lesson, Probe probe, Map<String, String> labels,
    List<String> prepare, String downloadsModel) {

  /** The model this rung's container downloads at start, the built-in version's own for a built-in rung. */
  public java.util.Optional<String> modelAtStart(LadderVersion version) {
    if (version != null) {
      return version.downloadsModel() ? java.util.Optional.of(version.modelId()) : java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(downloadsModel);
  }

  /** The built-in version {@code versionId} as a rung of the same id. */
  public static RungSpec builtin(String versionId) {
    return new RungSpec(versionId, versionId, null, null, null, Map.of(), Map.of(), null, Probe.SERVESCOPE, Map.of(),
        List.of(), null);
  }

  /** A rung id: what a Docker tag allows, so that a built rung can be tagged {@code servescope-ladder:<id>}. */
  static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  /** What the rung is made from. */
  public enum Kind { BUILTIN, DOCKERFILE, IMAGE }

  public Kind kind() {
    return builtin != null ? Kind.BUILTIN : dockerfile != null ? Kind.DOCKERFILE : Kind.IMAGE;
  }

  /** The image the rung is measured as: the one ServeScope builds, or the existing one it names. */
  public String tag() {
    return kind() == Kind.IMAGE ? image : "servescope-ladder:" + id;
  }

  /** A label as the reference would say it: translated by {@link #labels}, compared without case. */
  public String normalizeLabel(String label) {
    String translated = labels.getOrDefault(label, label);
    return translated.strip().toLowerCase(java.util.Locale.ROOT);
  }
}
