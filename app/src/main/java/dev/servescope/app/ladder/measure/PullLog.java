package dev.servescope.app.ladder.measure;

import java.util.List;
import java.util.Optional;

/**
 * One pull as the node's engine told it, each line stamped with the node's clock ({@code NANOS text}, from
 * {@link #SCRIPT}): the whole pull, the part until the last layer was downloaded, and what extracting took after
 * that. dockerd downloads three layers at once and extracts them one after another as they arrive, so extraction
 * overlaps the download; what is left after the last byte arrived is what a faster network cannot buy.
 *
 * @param totalMs from the pull's start to its end
 * @param downloadMs from the start to the last "Download complete"
 * @param extractMs the rest
 */
public record PullLog(long totalMs, long downloadMs, long extractMs) {

  /**
   * The pull, run in the node with {@code REF} as {@code $1}: every line of {@code docker pull} stamped with the node's
   * clock in nanoseconds, then its exit code.
   */
  public static final String SCRIPT = "echo \"start $(date +%s%N)\"; { docker pull \"$1\" 2>&1; echo \"exit $?\"; }"
      + " | while IFS= read -r line; do echo \"$(date +%s%N) $line\"; done";

  /**
   * Reads the script's output.
   *
   * @return empty when the lines are not a whole pull; see {@link #failure}
   */
  public static Optional<PullLog> parse(List<String> lines) {
    Long start = null;
    Long end = null;
    Long lastDownload = null;
    for (String line : lines) {
      if (line.startsWith("start ")) {
        start = number(line.substring(6));
        continue;
      }
      int space = line.indexOf(' ');
      Long at = space < 0 ? null : number(line.substring(0, space));
      if (at == null) {
        continue;
      }
      String text = line.substring(space + 1);
      if (text.equals("exit 0")) {
        end = at;
      } else if (text.contains("Download complete")) {
        lastDownload = at;
      }
    }
    if (start == null || end == null || end < start) {
      return Optional.empty();
    }
    long download = lastDownload == null ? 0 : Math.max(0, lastDownload - start);
    long total = end - start;
    long totalMs = total / 1_000_000;
    long downloadMs = download / 1_000_000;
    return Optional.of(new PullLog(totalMs, downloadMs, totalMs - downloadMs));
  }

  /** What the engine said when a pull did not finish: its last lines. */
  public static String failure(List<String> lines) {
    List<String> said = lines.stream().filter(l -> !l.startsWith("start ")).map(l -> l.indexOf(' ') < 0 ? l
        : l.substring(l.indexOf(' ') + 1)).filter(l -> !l.startsWith("exit ")).toList();
    return said.isEmpty() ? "the node's engine said nothing" : String.join("; ",
        said.subList(Math.max(0, said.size() - 3), said.size()));
  }

  private static Long number(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
