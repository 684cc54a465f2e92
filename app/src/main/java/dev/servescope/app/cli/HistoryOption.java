package dev.servescope.app.cli;

import dev.servescope.app.ladder.result.HistoryReader;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.run.LadderRuns;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --history} option shared by the commands that read or write the run history. */
final class HistoryOption {
  @Option(names = "--history", paramLabel = "FILE", description = "run history database (default: ${DEFAULT-VALUE})")
  Path file;

  private final Histories histories;

  /** How a history file is read and run into; the command factory gives the wired ones. */
  interface Histories {
    HistoryReader reader(Path file);

    LadderRuns runs(Path file);
  }

  HistoryOption(Path defaultFile, Histories histories) {
    this.file = defaultFile;
    this.histories = histories;
  }

  /** Every run in the history, newest first, saying on stderr when an unreadable file had to be moved aside. */
  List<RunReport> runs(PrintWriter err) {
    HistoryReader reader = histories.reader(file);
    return said(reader, reader.runs(), err);
  }

  /** One run of the history. */
  Optional<RunReport> load(String runId, PrintWriter err) {
    HistoryReader reader = histories.reader(file);
    return said(reader, reader.load(runId), err);
  }

  /** Ladder runs recorded in this history. */
  LadderRuns ladderRuns() {
    return histories.runs(file);
  }

  private <T> T said(HistoryReader reader, T read, PrintWriter err) {
    reader.movedAside().ifPresent(aside -> {
      err.println("servescope: " + file + " was unreadable; moved it to " + aside + " and started a new history");
      err.flush();
    });
    return read;
  }

  /** {@code no run 'ID' in FILE}. */
  IllegalArgumentException noRun(String runId) {
    return new IllegalArgumentException("no run '" + runId + "' in " + file);
  }
}
