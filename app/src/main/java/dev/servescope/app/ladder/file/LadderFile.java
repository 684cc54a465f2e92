package dev.servescope.app.ladder.file;

import dev.servescope.app.ladder.Limits;
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
 * @param limits every rung's CPU and memory; null for the defaults
 * @param prices the prices of the dollar figures; {@link Prices#NONE} when the file states none
 * @param source the file it was read from; null for a ladder made in code
 */
public record LadderFile(String name, String reference, Path samples, List<RungSpec> rungs,
    Map<String, Budget> budgets, Limits limits, Prices prices, Path source) {

  /** The name of the built-in ladder. */
  public static final String BUILT_IN = "servescope";

  /** The key of the budget every rung keeps. */
  public static final String ALL = "all";

  /** Built-in versions as a ladder, the first its reference, with no budgets. */
  public static LadderFile ofVersions(List<String> versionIds) {
    return new LadderFile(BUILT_IN, versionIds.get(0), null, versionIds.stream().map(RungSpec::builtin).toList(),
        Map.of(), null, Prices.NONE, null);
  }

  /**
   * The named rungs in the file's order; all of them when {@code ids} is empty.
   *
   * @throws IllegalArgumentException naming the unknown ids
   */
  public List<RungSpec> select(List<String> ids) {
    List<String> unknown = ids.stream().filter(id -> rung(id).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("no rung " + String.join(", ", unknown) + " in ladder '" + name + "'; its"
          + " rungs: " + String.join(", ", rungs.stream().map(RungSpec::id).toList()));
    }
    return ids.isEmpty() ? rungs : rungs.stream().filter(r -> ids.contains(r.id())).toList();
  }

  public Optional<RungSpec> rung(String id) {
    return rungs.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** A rung's budget: its own limits over those of {@code all}. */
  public Budget budgetOf(String rungId) {
    return budgets.getOrDefault(rungId, Budget.NONE).over(budgets.getOrDefault(ALL, Budget.NONE));
  }
}
