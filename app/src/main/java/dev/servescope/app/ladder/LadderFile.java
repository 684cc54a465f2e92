package dev.servescope.app.ladder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ladder as a file describes it: rungs, the reference rung, the sample sentences and the budgets {@code check}
 * applies. Read by {@link LadderFiles}; the built-in ladder is {@code dockerfiles/ladder.yaml}.
 *
 * @param name the ladder's name
 * @param reference the rung others' labels are compared with
 * @param samples a file of sentences, one a line; null for ServeScope's own
 * @param rungs the rungs, in order
 * @param budgets per rung id, and {@code all}
 * @param source the file it was read from
 */
public record LadderFile(String name, String reference, Path samples, List<RungSpec> rungs,
    Map<String, Budget> budgets, Path source) {

  /** The key of the budget every rung keeps. */
  public static final String ALL = "all";

  public Optional<RungSpec> rung(String id) {
    return rungs.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** A rung's budget: its own limits over those of {@code all}. */
  public Budget budgetOf(String rungId) {
    return budgets.getOrDefault(rungId, Budget.NONE).over(budgets.getOrDefault(ALL, Budget.NONE));
  }
}
