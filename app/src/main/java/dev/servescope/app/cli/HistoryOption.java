package dev.servescope.app.cli;

import dev.servescope.app.store.HistoryStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --history} option shared by the commands that read or write the run history. */
final class HistoryOption {
  @Option(names = "--history", paramLabel = "FILE", description = "run history database (default: ${DEFAULT-VALUE})")
  Path file = HistoryStore.defaultFile();

  /** Opens the history, saying on stderr when an unreadable file had to be moved aside. */
  HistoryStore open(PrintWriter err) {
    return said(HistoryStore.open(file), err);
  }

  static HistoryStore said(HistoryStore store, PrintWriter err) {
    store.movedAside().ifPresent(aside -> {
      err.println("servescope: " + store.file() + " was unreadable; moved it to " + aside
          + " and started a new history");
      err.flush();
    });
    return store;
  }
}
