package dev.servescope.app.wiring;

import dev.servescope.app.ladder.result.HistoryReader;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.store.HistoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The history in a file, read by opening it for each call: a view holds no database open between reloads. A file
 * that does not exist yet is an empty history, and reading it makes none.
 */
final class StoreHistory implements HistoryReader {
  private final Path file;
  private volatile Path movedAside;

  StoreHistory(Path file) {
    this.file = file;
  }

  @Override
  public List<RunReport> runs() {
    return read(HistoryStore::runs, List.of());
  }

  @Override
  public Optional<RunReport> load(String runId) {
    return read(store -> store.load(runId), Optional.empty());
  }

  @Override
  public Optional<Path> movedAside() {
    return Optional.ofNullable(movedAside);
  }

  private <T> T read(Function<HistoryStore, T> query, T none) {
    if (!Files.exists(file)) {
      return none;
    }
    try (HistoryStore store = HistoryStore.open(file)) {
      movedAside = store.movedAside().orElse(null);
      return query.apply(store);
    }
  }
}
