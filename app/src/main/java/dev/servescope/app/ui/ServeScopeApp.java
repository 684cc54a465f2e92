package dev.servescope.app.ui;

import atlantafx.base.theme.PrimerLight;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.app.wiring.Services;
import java.util.concurrent.ExecutorService;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/** The desktop app: Predict, Build and Charts tabs over one set of services. */
public class ServeScopeApp extends Application {
  private static AppServices injected;

  private ExecutorService executor;
  private PredictModel predict;
  private BuildModel build;

  /** Lets tests start the app with their own services; null restores the defaults. */
  public static void useServices(AppServices services) {
    injected = services;
  }

  @Override
  public void start(Stage stage) {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    AppServices services = injected;
    if (services == null) {
      executor = Background.newExecutor();
      services = new AppServices(Services.standard(HistoryStore.defaultFile()), executor);
    }
    predict = new PredictModel(services);
    ChartsModel charts = new ChartsModel(services);
    build = new BuildModel(services, charts::reload);
    TabPane tabs = root(predict, build, charts);
    String tab = getParameters().getNamed().getOrDefault("tab", "predict");
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
    stage.show();
    build.refreshEngine();
    charts.reload();
  }

  /** The tabbed window content. */
  static TabPane root(PredictModel predict, BuildModel build, ChartsModel charts) {
    Tab p = new Tab("Predict", new PredictView(predict).build());
    Tab b = new Tab("Build", new BuildView(build).build());
    Tab c = new Tab("Charts", new ChartsView(charts).build());
    p.setId("tab-predict");
    b.setId("tab-build");
    c.setId("tab-charts");
    TabPane tabs = new TabPane(p, b, c);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    return tabs;
  }

  /** Closing the window cancels builds (their containers are removed) and releases the model. */
  @Override
  public void stop() {
    if (build != null) {
      build.close();
    }
    if (predict != null) {
      predict.close();
    }
    if (executor != null) {
      executor.shutdown();
    }
  }
}
