package dev.servescope.app.ui.task;

/**
 * Where views run slow work: {@link FxTaskExecutor} in the app (worker threads, callbacks on the FX thread),
 * {@link CurrentThreadTaskExecutor} in tests (everything at once, on the caller's thread), as JabRef does.
 */
public interface TaskExecutor {

  <T> void execute(BackgroundTask<T> task);

  /** Runs {@code update} on the UI thread: how listeners called from worker threads reach a view's state. */
  void onUi(Runnable update);

  /** Stops taking work; running work goes on, on daemon threads. */
  void shutdown();
}
