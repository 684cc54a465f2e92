package dev.servescope.app.ui.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;

/** Runs tasks on daemon worker threads (a closing window never waits for them) and calls back on the FX thread. */
public final class FxTaskExecutor implements TaskExecutor {
  private final ExecutorService workers;

  public FxTaskExecutor() {
    AtomicInteger n = new AtomicInteger();
    workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "servescope-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public <T> void execute(BackgroundTask<T> task) {
    workers.execute(() -> {
      // Progress reaches the FX thread at most once per pulse: the newest value wins.
      AtomicReference<Double> pending = new AtomicReference<>();
      BackgroundTask.Progress progress = new BackgroundTask.Progress() {
        @Override
        public void update(double done, double total) {
          if (pending.getAndSet(total <= 0 ? 0 : done / total) == null) {
            later(() -> task.progressed(pending.getAndSet(null)));
          }
        }

        @Override
        public boolean isCancelled() {
          return task.isCancelled();
        }
      };
      try {
        T value = task.call(progress);
        later(() -> task.succeeded(value));
      } catch (Exception | Error e) {
        later(() -> task.failed(e));
      }
    });
  }

  @Override
  public void onUi(Runnable update) {
    if (Platform.isFxApplicationThread()) {
      update.run();
    } else {
      later(update);
    }
  }

  /** On the FX thread; dropped once the toolkit has exited (the window closed while work finished). */
  private static void later(Runnable update) {
    try {
      Platform.runLater(update);
    } catch (IllegalStateException toolkitGone) {
      // Nothing left to update.
    }
  }

  @Override
  public void shutdown() {
    workers.shutdown();
  }
}
