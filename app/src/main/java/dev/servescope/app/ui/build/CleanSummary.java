package dev.servescope.app.ui.build;

import dev.servescope.app.ladder.CleanItem;
import java.util.List;

/** One line about a clean-up, for the Build view's message. */
final class CleanSummary {
  private CleanSummary() {}

  static String of(List<CleanItem> items) {
    List<CleanItem> removed = items.stream().filter(i -> i.action().equals(CleanItem.REMOVED)).toList();
    long kept = items.stream().filter(i -> i.action().equals(CleanItem.KEPT)).count();
    long failed = items.stream().filter(i -> i.action().equals(CleanItem.FAILED)).count();
    if (removed.isEmpty() && kept == 0 && failed == 0) {
      return "Nothing to clean up.";
    }
    StringBuilder out = new StringBuilder(String.format("Removed %d item%s, at least %.1f MB freed.",
        removed.size(), removed.size() == 1 ? "" : "s",
        removed.stream().mapToLong(CleanItem::freesBytes).sum() / 1e6));
    if (kept > 0) {
      out.append(' ').append(kept).append(" kept: in use by a running ServeScope.");
    }
    if (failed > 0) {
      out.append(' ').append(failed).append(" could not be removed (").append(items.stream()
          .filter(i -> i.action().equals(CleanItem.FAILED)).findFirst().map(CleanItem::reason).orElse(""))
          .append(").");
    }
    return out.toString();
  }
}
