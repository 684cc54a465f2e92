package dev.servescope.app.cli;

import dev.servescope.app.store.HistoryStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --history} option shared by the commands that read or write the run history. */
final class HistoryOption {
  @Option(names = "--history", paramLabel = "FILE", description = "run history database (default: ${DEFAULT-VALUE})")
  Path file = HistoryStore.defaultFile();
}
