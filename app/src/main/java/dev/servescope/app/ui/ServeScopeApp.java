package dev.servescope.app.ui;

import atlantafx.base.theme.PrimerLight;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ui.build.BuildModel;
import dev.servescope.app.ui.build.BuildView;
import dev.servescope.app.ui.charts.ChartsModel;
import dev.servescope.app.ui.charts.ChartsView;
import dev.servescope.app.ui.explore.ExploreModel;
import dev.servescope.app.ui.explore.ExploreView;
import dev.servescope.app.ui.overview.OverviewModel;
import dev.servescope.app.ui.overview.OverviewView;
import dev.servescope.app.ui.predict.BenchmarkModel;
import dev.servescope.app.ui.predict.PredictModel;
import dev.servescope.app.ui.predict.PredictSession;
import dev.servescope.app.ui.predict.PredictView;
import dev.servescope.app.ui.predict.VariantsModel;
import dev.servescope.app.ui.task.FxTaskExecutor;
import dev.servescope.app.ui.task.TaskExecutor;
import dev.servescope.app.wiring.Services;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.util.Duration;

/** The desktop app: Overview, Predict, Build, Charts and Explore tabs over one set of services. */
public class ServeScopeApp extends Application {
  /** How long closing the window waits for a cancelled run to remove its containers. */
  private static final Duration CLOSE_WAIT = Duration.seconds(20);

  private static Services injected;

  private TaskExecutor tasks;
  private PredictSession session;
  private BuildModel build;
  private ExploreModel explore;
  private boolean closing;

  /** The services the next window opens on: the launcher's, or a test's. */
  public static void useServices(Services services) {
    injected = services;
  }

  @Override
  public void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    Services services = Objects.requireNonNull(injected, "GuiLauncher.launch hands the app its services");
    tasks = new FxTaskExecutor();
    session = new PredictSession(services.catalog(), services.samples(), tasks);
    PredictModel predict = new PredictModel(session);
    ChartsModel charts = new ChartsModel(services.history(), tasks);
    OverviewModel overview = new OverviewModel(services.history(), tasks);
    build = new BuildModel(buildNeeds(services), tasks, () -> {
          charts.reload();
          overview.reload();
        });
    explore = new ExploreModel(services.images(), tasks);
    TabPane tabs = root(overview, new PredictView(predict, new BenchmarkModel(predict),
        new VariantsModel(predict, services.devSet())), build, charts, explore);
    String tab = getParameters().getNamed().getOrDefault("tab", "overview");
    tabs.getTabs().stream().filter(t -> t.getId().equals("tab-" + tab)).findFirst()
        .ifPresent(t -> tabs.getSelectionModel().select(t));
    String text = getParameters().getNamed().getOrDefault("text", "");
    if (!text.isBlank()) {
      predict.textProperty().set(text);
      predict.predict();
    }
    stage.setScene(new Scene(tabs, 1280, 800));
    stage.setTitle("ServeScope: what each packaging decision costs");
    stage.setMinWidth(900);
    stage.setMinHeight(600);
    stage.setOnCloseRequest(e -> {
      if (build.runs().busyProperty().get() && !closing) {
        // Cancel, and close once the containers are gone: never a wait on the FX thread.
        e.consume();
        closing = true;
        stage.setTitle("ServeScope: cancelling the run, removing its containers...");
        build.runs().cancel();
        build.runs().whenIdle(stage::close);
        PauseTransition giveUp = new PauseTransition(CLOSE_WAIT);
        giveUp.setOnFinished(done -> stage.close());
        giveUp.play();
      }
    });
    stage.show();
    String image = getParameters().getNamed().getOrDefault("image", "");
    String diffFrom = getParameters().getNamed().getOrDefault("diff-from", "");
    if (!image.isBlank()) {
      explore.imageProperty().set(image);
      if (diffFrom.isBlank()) {
        explore.inspect();
      } else {
        explore.otherProperty().set(diffFrom);
        explore.diff();
      }
    }
    String ladder = getParameters().getNamed().getOrDefault("ladder", "");
    if (!ladder.isBlank()) {
      build.ladder().openLadder(java.nio.file.Path.of(ladder));
    }
    build.engine().refresh();
    build.showLastFigures();
    charts.reload();
    overview.reload();
  }

  /** What the Build view works with, from the services. */
  public static BuildModel.Needs buildNeeds(Services services) {
    return new BuildModel.Needs(services.layout(), services.engines(), services.ladderRuns(), services.history(),
        services.cleaner(), LadderSettings.defaults());
  }

  /** The tabbed window content. */
  static TabPane root(OverviewModel overview, PredictView predict, BuildModel build, ChartsModel charts,
      ExploreModel explore) {
    Tab p = new Tab("Predict", predict.build());
    Tab b = new Tab("Build", new BuildView(build).build());
    Tab c = new Tab("Charts", new ChartsView(charts).build());
    Tab e = new Tab("Explore", new ExploreView(explore).build());
    p.setId("tab-predict");
    b.setId("tab-build");
    c.setId("tab-charts");
    e.setId("tab-explore");
    TabPane tabs = new TabPane();
    Tab o = new Tab("Overview", new OverviewView(overview, () -> tabs.getSelectionModel().select(b)).build());
    o.setId("tab-overview");
    tabs.getTabs().setAll(o, p, b, c, e);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    return tabs;
  }

  /** Releases the model and stops taking work; returns at once. */
  @Override
  public void stop() {
    if (build != null) {
      build.runs().cancel();
    }
    if (explore != null) {
      explore.cancel();
    }
    if (session != null) {
      session.close();
    }
    if (tasks != null) {
      tasks.shutdown();
    }
  }
}
