package dev.servescope.app.ui.build;

import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.host.Cleaner;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.result.HistoryReader;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.run.LadderRuns;
import dev.servescope.app.ui.task.TaskExecutor;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Build view's presentation model, in three parts the view binds to: the open ladder and its selected rung
 * ({@link #ladder()}), the engine's status ({@link #engine()}) and the work on the engine ({@link #runs()}); with one
 * message line and the commands that join them (build the selected rung, run the ladder).
 */
public final class BuildModel {
  private final LadderModel ladder;
  private final EngineModel engine;
  private final RunModel runs;
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final LadderSettings settings;

  /**
   * What the Build view works with.
   *
   * @param layout the checkout holding the built-in ladder and its Dockerfiles
   * @param engines connects to the container engine
   * @param runs builds and runs ladders, recording them in the history
   * @param history the history read for each rung's last figures
   * @param cleaner removes what ServeScope left behind
   * @param settings how hard a run from the window measures ({@link LadderSettings#defaults()})
   */
  public record Needs(Supplier<ProjectLayout> layout, Supplier<ContainerEngine> engines, LadderRuns runs,
      HistoryReader history, Cleaner cleaner, LadderSettings settings) {}

  /**
   * @param onRunRecorded called on the UI thread after a run was written to the history (the charts reload)
   */
  public BuildModel(Needs needs, TaskExecutor tasks, Runnable onRunRecorded) {
    this.settings = needs.settings();
    this.engine = new EngineModel(needs.engines(), tasks);
    this.runs = new RunModel(needs, tasks, message::set, new RunModel.Ended() {
      @Override
      public void recorded(RunReport run) {
        onRunRecorded.run();
      }

      @Override
      public void failed(Throwable t) {
        if (t instanceof DockerUnavailableException) {
          engine.failed(t);
        }
      }
    });
    this.ladder = new LadderModel(needs.layout(), tasks, message::set, runs::busy, runs::showLastFigures);
    ladder.openBuiltIn();
  }

  public LadderModel ladder() {
    return ladder;
  }

  public EngineModel engine() {
    return engine;
  }

  public RunModel runs() {
    return runs;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Builds the selected rung's image only (an existing image has nothing to build). */
  public void build() {
    RungSpec r = ladder.selectedProperty().get();
    if (r.kind() == RungSpec.Kind.IMAGE) {
      message.set(r.id() + " is an existing image: it is measured, not built.");
      return;
    }
    runs.start(List.of(r), (ladderRuns, listener, cancel) -> {
      ladderRuns.buildOnly(r, listener, cancel);
      return null;
    });
  }

  /** Builds, runs and measures the selected rung, its agreement taken against the ladder's reference. */
  public void buildAndMeasure() {
    RungSpec r = ladder.selectedProperty().get();
    LadderFile l = ladder.ladderProperty().get();
    runs.start(List.of(r), (ladderRuns, listener, cancel) -> ladderRuns.run(l, List.of(r.id()), settings, listener,
        cancel));
  }

  /** Builds, runs and measures every rung of the open ladder. */
  public void runLadder() {
    LadderFile l = ladder.ladderProperty().get();
    runs.start(l.rungs(), (ladderRuns, listener, cancel) -> ladderRuns.run(l, List.of(), settings, listener,
        cancel));
  }

  /** Shows each rung's figures from the newest run that measured it. */
  public void showLastFigures() {
    runs.showLastFigures(ladder.rungs());
  }
}
