package dev.servescope.app.ladder.result;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The run history as the views and reports read it: nothing here writes. */
public interface HistoryReader {

  /** Every run, newest first, with its results. */
  List<RunReport> runs();

  /** One run with its results in ladder order. */
  Optional<RunReport> load(String runId);

  /**
   * Where an unreadable history file was moved when it was last opened (a new one was started in its place); empty
   * when it opened cleanly.
   */
  default Optional<Path> movedAside() {
    return Optional.empty();
  }
}
