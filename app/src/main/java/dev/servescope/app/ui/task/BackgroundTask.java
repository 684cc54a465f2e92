package dev.servescope.app.ui.task;

import java.util.function.Consumer;

/**
 * Slow work for a view: it runs off the UI thread, and its callbacks (success, failure, progress, finished) run on
 * the UI thread, whichever {@link TaskExecutor} runs it. Cancelling sets a flag the work polls.
 *
 * @param <T> what the work returns
 */
public final class BackgroundTask<T> {

  /** The work itself; it reports through, and polls, its {@link Progress}. */
  @FunctionalInterface
  public interface Work<T> {
    T call(Progress progress) throws Exception;
  }

  /** What the work sees of its task. */
  public interface Progress {
    /** Reports progress, coalesced on the UI thread; {@code done / total}. */
    void update(double done, double total);

    boolean isCancelled();
  }

  private final Work<T> work;
  private Consumer<T> onSuccess = value -> { };
  private Consumer<Throwable> onFailure = error -> { };
  private Consumer<Double> onProgress = fraction -> { };
  private Runnable onFinished = () -> { };
  private volatile boolean cancelled;

  private BackgroundTask(Work<T> work) {
    this.work = work;
  }

  public static <T> BackgroundTask<T> of(Work<T> work) {
    return new BackgroundTask<>(work);
  }

  public BackgroundTask<T> onSuccess(Consumer<T> callback) {
    onSuccess = callback;
    return this;
  }

  public BackgroundTask<T> onFailure(Consumer<Throwable> callback) {
    onFailure = callback;
    return this;
  }

  /** Progress from 0 to 1. */
  public BackgroundTask<T> onProgress(Consumer<Double> callback) {
    onProgress = callback;
    return this;
  }

  /** After success or failure, whichever it was. */
  public BackgroundTask<T> onFinished(Runnable callback) {
    onFinished = callback;
    return this;
  }

  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  T call(Progress progress) throws Exception {
    return work.call(progress);
  }

  void succeeded(T value) {
    try {
      onSuccess.accept(value);
    } finally {
      onFinished.run();
    }
  }

  void failed(Throwable error) {
    try {
      onFailure.accept(error);
    } finally {
      onFinished.run();
    }
  }

  void progressed(double fraction) {
    onProgress.accept(fraction);
  }
}
