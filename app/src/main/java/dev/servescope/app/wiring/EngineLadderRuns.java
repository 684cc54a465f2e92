package dev.servescope.app.wiring;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.run.LadderListener;
import dev.servescope.app.ladder.run.LadderRunner;
import dev.servescope.app.ladder.run.LadderRuns;
import dev.servescope.app.store.HistoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Each run on a fresh connection to the engine and the history file, both closed when it ends. */
final class EngineLadderRuns implements LadderRuns {
  private static final Logger LOG = LoggerFactory.getLogger(EngineLadderRuns.class);

  private final Services services;
  private final Path historyFile;

  EngineLadderRuns(Services services, Path historyFile) {
    this.services = services;
    this.historyFile = historyFile;
  }

  @Override
  public RunReport run(LadderFile ladder, List<String> rungIds, LadderSettings settings, LadderListener listener,
      Cancellation cancel) {
    try (ContainerEngine engine = services.engines().get(); HistoryStore store = HistoryStore.open(historyFile)) {
      store.movedAside().ifPresent(aside -> LOG.warn("{} was unreadable; moved it to {} and started a new history",
          historyFile, aside));
      return runner(engine, store).run(ladder, rungIds, settings, listener, cancel);
    }
  }

  @Override
  public long buildOnly(RungSpec rung, LadderListener listener, Cancellation cancel) throws IOException {
    try (ContainerEngine engine = services.engines().get(); HistoryStore store = HistoryStore.open(historyFile)) {
      return runner(engine, store).buildOnly(rung, listener, cancel);
    }
  }

  private LadderRunner runner(ContainerEngine engine, HistoryStore store) {
    return services.ladderRunner(engine, store);
  }
}
