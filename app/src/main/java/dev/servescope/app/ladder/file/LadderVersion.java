package dev.servescope.app.ladder.file;

import dev.servescope.app.ladder.host.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One rung of the ladder: a folder under {@code dockerfiles/} and what its build context needs.
 *
 * @param id {@code v1} ... {@code v6}
 * @param title short name
 * @param modelId the built-in variant the image serves
 * @param downloadsModel whether the container fetches the model at start (the context then carries no model)
 * @param wholeProject whether the context carries the project sources and the app's full classpath (the naive way)
 */
public record LadderVersion(String id, String title, String modelId, boolean downloadsModel, boolean wholeProject) {

  /** The six versions, in order. */
  public static final List<LadderVersion> ALL = List.of(
      new LadderVersion("v1", "naive", "bge-small-fp32", true, true),
      new LadderVersion("v2", "better practices", "bge-small-fp32", true, false),
      new LadderVersion("v3", "distillation", "minilm-l6-fp32", false, false),
      new LadderVersion("v4", "multi-stage", "minilm-l6-fp32", false, false),
      new LadderVersion("v5", "quantization", "minilm-l6-int8", false, false),
      new LadderVersion("v6", "modern runtime", "minilm-l6-int8", false, false));

  /** The version with this id. */
  public static LadderVersion byId(String id) {
    return ALL.stream().filter(v -> v.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "unknown ladder version '" + id + "'; known: " + String.join(", ", ALL.stream().map(LadderVersion::id)
            .toList())));
  }

  /** The image a name stands for: a built-in version's id ({@code v5}) its image, anything else itself. */
  public static String imageOf(String nameOrVersion) {
    String s = nameOrVersion == null ? "" : nameOrVersion.strip();
    return ALL.stream().filter(v -> v.id.equals(s)).findFirst().map(LadderVersion::tag).orElse(s);
  }

  /** The version's folder under {@code dockerfiles/}. */
  public Path dir(ProjectLayout layout) {
    return layout.dockerfiles().resolve(id);
  }

  /** The Dockerfile's text. */
  public String dockerfile(ProjectLayout layout) throws IOException {
    return Files.readString(dir(layout).resolve("Dockerfile"));
  }

  /** The lesson: the Dockerfile's leading comment. */
  public String lesson(ProjectLayout layout) throws IOException {
    return DockerfileArgs.leadingComment(dockerfile(layout));
  }

  /** The tag ServeScope gives the image. */
  public String tag() {
    return "servescope-ladder:" + id;
  }
}
