package dev.servescope.app.ladder.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rung about to be added to a ladder file: a Dockerfile or an existing image, with its probe.
 *
 * @param id the rung's id
 * @param source a Dockerfile path (absolute, or relative to the ladder file) or an image reference
 * @param dockerfile whether {@code source} is a Dockerfile, else an image
 * @param context the build context, blank for the Dockerfile's folder
 * @param probe how to talk to it
 * @param labels the service's labels translated to the reference's, may be empty
 * @param lesson what it teaches, may be blank
 * @param preset the Open Inference Protocol's probe the probe comes from, written as such; null for a probe of its
 *     own
 */
public record RungDraft(String id, String source, boolean dockerfile, String context, Probe probe,
    Map<String, String> labels, String lesson, OpenInferenceProbe preset) {
  /** A rung whose probe is ServeScope's or written out. */
  public RungDraft(String id, String source, boolean dockerfile, String context, Probe probe,
      Map<String, String> labels, String lesson) {
    this(id, source, dockerfile, context, probe, labels, lesson, null);
  }

  /** A rung probed through the Open Inference Protocol. */
  public RungDraft(String id, String source, boolean dockerfile, String context, OpenInferenceProbe preset,
      Map<String, String> labels, String lesson) {
    this(id, source, dockerfile, context, preset.probe(), labels, lesson, preset);
  }

  /**
   * What stops this rung from joining {@code ladder} (empty when it can).
   */
  public List<String> problems(LadderFile ladder) {
    List<String> out = new ArrayList<>();
    if (id == null || !RungSpec.ID.matcher(id).matches()) {
      out.add("id: letters, digits, '.', '_' or '-', starting with a letter or digit");
    } else if (ladder.rung(id).isPresent()) {
      out.add("id: the ladder already has a rung '" + id + "'");
    }
    if (source == null || source.isBlank()) {
      out.add(dockerfile ? "Dockerfile: give its path" : "image: give a reference such as myorg/sentiment:1.4");
    } else if (dockerfile) {
      Path file = resolve(ladder, source);
      if (!Files.isRegularFile(file)) {
        out.add("Dockerfile: no file " + file);
      } else if (context != null && !context.isBlank()) {
        Path ctx = resolve(ladder, context);
        if (!Files.isDirectory(ctx)) {
          out.add("context: no folder " + ctx);
        } else if (!file.startsWith(ctx)) {
          out.add("context: the Dockerfile must be inside it");
        }
      }
    } else if (source.strip().contains(" ")) {
      out.add("image: a reference has no spaces");
    }
    (preset != null ? preset.problem() : probe.problem()).ifPresent(p -> out.add("probe: " + p));
    return out;
  }

  private static Path resolve(LadderFile ladder, String path) {
    Path dir = ladder.source() == null ? Path.of("") : ladder.source().toAbsolutePath().getParent();
    return dir.resolve(path.strip()).normalize();
  }

  /**
   * The rung as a block of the ladder file's {@code rungs:} list, each line starting with {@code indent}; every
   * value single-quoted, so that no text can break the YAML. A probe equal to ServeScope's is left out.
   */
  String toYaml(String indent) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", id);
    if (lesson != null && !lesson.isBlank()) {
      fields.put("lesson", lesson.strip());
    }
    fields.put(dockerfile ? "dockerfile" : "image", source.strip());
    if (dockerfile && context != null && !context.isBlank()) {
      fields.put("context", context.strip());
    }
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (Map.Entry<String, String> f : fields.entrySet()) {
      out.append(indent).append(first ? "- " : "  ").append(f.getKey()).append(": ").append(quote(f.getValue()))
          .append('\n');
      first = false;
    }
    if (preset != null) {
      out.append(indent).append("  probe: ").append(preset.yaml()).append('\n');
    } else if (!probe.equals(Probe.SERVESCOPE)) {
      out.append(indent).append("  probe: {port: ").append(probe.port()).append(", health: ")
          .append(quote(probe.health())).append(", predict: ").append(quote(probe.predict())).append(", request: ")
          .append(quote(probe.request()));
      if (probe.label() != null) {
        out.append(", label: ").append(quote(probe.label()));
      }
      out.append("}\n");
    }
    if (!labels.isEmpty()) {
      out.append(indent).append("  labels: {").append(String.join(", ", labels.entrySet().stream()
          .map(e -> quote(e.getKey()) + ": " + quote(e.getValue())).toList())).append("}\n");
    }
    return out.toString();
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
