package dev.servescope.app.ui.predict;

import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.app.ui.task.TaskExecutor;
import dev.servescope.inference.model.ModelCatalog;
import java.util.List;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the Predict view's three models (predict, benchmark, compare variants) share: the open classifier, one job at a
 * time, one progress bar and one message line. State changes on the UI thread only.
 */
public final class PredictSession implements AutoCloseable {
  final ModelCatalog catalog;
  final List<String> samples;
  final ClassifierCache classifiers;
  private final TaskExecutor tasks;
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private BackgroundTask<?> running;

  public PredictSession(ModelCatalog catalog, List<String> samples, TaskExecutor tasks) {
    this.catalog = catalog;
    this.samples = List.copyOf(samples);
    this.classifiers = new ClassifierCache(catalog);
    this.tasks = tasks;
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public List<String> samples() {
    return samples;
  }

  void say(String text) {
    message.set(text);
  }

  /**
   * Runs a job unless one is running. The session owns the task's progress, failure and finish callbacks: progress
   * drives the bar, a failure becomes the message; the caller sets what success does.
   */
  <T> void run(BackgroundTask<T> task) {
    if (busy.get()) {
      message.set("Still working on the last request.");
      return;
    }
    busy.set(true);
    progress.set(0);
    running = task;
    message.set("Working...");
    task.onProgress(progress::set)
        .onFailure(t -> message.set(t instanceof CancellationException ? "Cancelled."
            : t.getMessage() == null ? t.toString() : t.getMessage()))
        .onFinished(() -> {
          busy.set(false);
          running = null;
        });
    tasks.execute(task);
  }

  /** Stops the running benchmark or comparison at its next step. */
  public void cancel() {
    if (running != null) {
      running.cancel();
    }
  }

  /** Releases the model on a worker, never on the UI thread. */
  @Override
  public void close() {
    tasks.execute(BackgroundTask.of(p -> {
      classifiers.close();
      return null;
    }));
  }
}
