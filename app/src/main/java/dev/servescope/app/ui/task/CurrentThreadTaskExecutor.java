package dev.servescope.app.ui.task;

/** Runs every task at once on the calling thread, callbacks included: presentation-model tests assert right after. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

  @Override
  public <T> void execute(BackgroundTask<T> task) {
    T value;
    try {
      value = task.call(new BackgroundTask.Progress() {
        @Override
        public void update(double done, double total) {
          task.progressed(total <= 0 ? 0 : done / total);
        }

        @Override
        public boolean isCancelled() {
          return task.isCancelled();
        }
      });
    } catch (Exception | Error e) {
      task.failed(e);
      return;
    }
    task.succeeded(value);
  }

  @Override
  public void onUi(Runnable update) {
    update.run();
  }

  @Override
  public void shutdown() {
    // Nothing runs in the background.
  }
}
