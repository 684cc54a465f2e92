package dev.servescope.app.ui.build;

import dev.servescope.app.ui.task.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The build log: lines arrive on a worker thread, often hundreds a second, and reach the UI in batches (one update
 * per pulse at most), keeping the newest {@link #MAX_LINES}.
 */
final class BuildLog {
  static final int MAX_LINES = 2000;

  private final TaskExecutor tasks;
  private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final ObservableList<String> lines = FXCollections.observableArrayList();

  BuildLog(TaskExecutor tasks) {
    this.tasks = tasks;
  }

  ObservableList<String> lines() {
    return lines;
  }

  /** From any thread. */
  void add(String line) {
    pending.add(line);
    if (flushScheduled.compareAndSet(false, true)) {
      tasks.onUi(this::flush);
    }
  }

  /** On the UI thread. */
  void clear() {
    pending.clear();
    lines.clear();
  }

  private void flush() {
    flushScheduled.set(false);
    List<String> batch = new ArrayList<>();
    for (String line; (line = pending.poll()) != null; ) {
      batch.add(line);
    }
    if (batch.isEmpty()) {
      return;
    }
    int overflow = lines.size() + batch.size() - MAX_LINES;
    if (overflow >= lines.size()) {
      lines.setAll(batch.subList(batch.size() - Math.min(batch.size(), MAX_LINES), batch.size()));
    } else {
      if (overflow > 0) {
        lines.remove(0, overflow);
      }
      lines.addAll(batch);
    }
  }
}
