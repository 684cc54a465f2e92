package dev.servescope.app.ladder.file;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a Dockerfile's base-image arguments: the global {@code ARG NAME=default} lines whose name ends in _IMAGE. */
public final class DockerfileArgs {
  private static final Pattern ARG = Pattern.compile("^\\s*ARG\\s+([A-Za-z_][A-Za-z0-9_]*_IMAGE)=(\\S+)\\s*$");
  private static final Pattern FROM = Pattern.compile("^\\s*FROM\\s+.*", Pattern.CASE_INSENSITIVE);

  private DockerfileArgs() {}

  /** Argument name to default image, in file order; only arguments declared before the first FROM. */
  public static Map<String, String> baseImages(String dockerfile) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : dockerfile.split("\\R")) {
      if (FROM.matcher(line).matches()) {
        break;
      }
      Matcher m = ARG.matcher(line);
      if (m.matches()) {
        out.put(m.group(1), stripQuotes(m.group(2)));
      }
    }
    return out;
  }

  /**
   * The Dockerfile with the given build arguments as the defaults of its base-image arguments: what a build with
   * {@code --build-arg} would start from, so that base images are resolved for the images the build will use.
   */
  public static String withDefaults(String dockerfile, Map<String, String> buildArgs) {
    StringBuilder out = new StringBuilder();
    boolean beforeFrom = true;
    for (String line : dockerfile.split("\\R", -1)) {
      beforeFrom &= !FROM.matcher(line).matches();
      Matcher m = ARG.matcher(line);
      if (beforeFrom && m.matches() && buildArgs.containsKey(m.group(1))) {
        line = "ARG " + m.group(1) + "=" + buildArgs.get(m.group(1));
      }
      out.append(line).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  /**
   * The leading comment block without the '#' marks: each version's lesson, written next to its Dockerfile. The
   * comment is hard-wrapped for the file; here it is reflowed for a proportional font: a line starting with "- " (a
   * bullet) or following an empty comment line starts a new line, any other line continues the one before it.
   */
  public static String leadingComment(String dockerfile) {
    StringBuilder sb = new StringBuilder();
    boolean paragraphBreak = false;
    for (String line : dockerfile.split("\\R")) {
      if (!line.startsWith("#")) {
        break;
      }
      String text = line.replaceFirst("^#\\s?", "").strip();
      if (text.isEmpty()) {
        paragraphBreak = sb.length() > 0;
        continue;
      }
      if (sb.length() > 0) {
        sb.append(paragraphBreak ? "\n\n" : text.startsWith("- ") ? "\n" : " ");
      }
      sb.append(text);
      paragraphBreak = false;
    }
    return sb.toString();
  }

  private static String stripQuotes(String s) {
    return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
        ? s.substring(1, s.length() - 1) : s;
  }
}
