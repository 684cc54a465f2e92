package dev.servescope.app.ui.build;

import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.app.ui.task.TaskExecutor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The container engine's status line in the Build view: checked in the background, and again on request. */
public final class EngineModel {
  private final Supplier<ContainerEngine> engines;
  private final TaskExecutor tasks;
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Docker engine: checking...");
  private final ReadOnlyBooleanWrapper reachable = new ReadOnlyBooleanWrapper();

  EngineModel(Supplier<ContainerEngine> engines, TaskExecutor tasks) {
    this.engines = engines;
    this.tasks = tasks;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty reachableProperty() {
    return reachable.getReadOnlyProperty();
  }

  /** Checks the engine in the background (removing leftovers of dead runs) and updates the status line. */
  public void refresh() {
    tasks.execute(BackgroundTask.<EngineInfo>of(p -> {
      try (ContainerEngine engine = engines.get()) {
        engine.removeLeftovers();
        return engine.info();
      }
    }).onSuccess(info -> {
      reachable.set(true);
      status.set(info.name() + " (API " + info.apiVersion() + ") at " + info.host());
    }).onFailure(this::failed));
  }

  /** The engine failed a check or a run: the status line says how, and runs are offered no more. */
  void failed(Throwable t) {
    reachable.set(false);
    status.set(t instanceof DockerUnavailableException ? "Docker engine not reachable: " + t.getMessage()
        : "Docker engine check failed: " + t.getMessage());
  }
}
