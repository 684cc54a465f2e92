package dev.servescope.app.report;

import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.result.VersionResult;
import java.util.Locale;

/** How a rung reads in a list: what it is made from, what ServeScope knows of an image, its last figures. */
public final class RungText {
  private RungText() {}

  /** A rung's one-line description: what it is made from. */
  public static String describe(RungSpec r) {
    return switch (r.kind()) {
      case BUILTIN -> {
        LadderVersion v = LadderVersion.byId(r.builtin());
        yield r.id() + " · " + v.title() + " · " + v.modelId();
      }
      case DOCKERFILE -> r.id() + " · Dockerfile " + r.dockerfile().getParent().getFileName() + "/"
          + r.dockerfile().getFileName();
      case IMAGE -> r.id() + " · image " + r.image();
    };
  }

  /** What ServeScope knows of an existing image's rung, in place of a Dockerfile. */
  public static String imageSummary(RungSpec r) {
    StringBuilder sb = new StringBuilder("# an existing image: ServeScope runs it as it is\nimage: " + r.image()
        + "\n");
    r.env().forEach((k, v) -> sb.append("env: ").append(k).append('=').append(v).append('\n'));
    Probe p = r.probe();
    sb.append("probe: port ").append(p.port()).append(", GET ").append(p.health()).append(", POST ")
        .append(p.predict()).append(' ').append(p.request()).append(", label ")
        .append(p.label() == null ? "(none: agreement not measured)" : p.label()).append('\n');
    r.labels().forEach((k, v) -> sb.append("label ").append(k).append(" means ").append(v).append('\n'));
    return sb.toString();
  }

  /** A rung's figures on one line: {@code image 126 MB, container 126 MB, cold start 900 ms, 151 req/s, ...}. */
  public static String figures(VersionResult r) {
    return String.format(Locale.ROOT, "image %.0f MB, container %.0f MB, cold start %d ms, %.0f req/s%s%s%s",
        r.imageBytes() / 1e6, r.containerBytes() / 1e6, r.coldStartMs(), r.throughputPerSecond(),
        r.labelAgreement() == null ? "" : String.format(Locale.ROOT, ", agreement %.0f%%", r.labelAgreement() * 100),
        r.repeats() > 1 ? " (medians of " + r.repeats() + ")" : "",
        r.noisy().isEmpty() ? "" : "; noisy: " + String.join(", ", r.noisy()));
  }
}
