package dev.servescope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.report.ChartData.Metric;
import dev.servescope.app.store.HistoryStore;
import dev.servescope.app.store.HistoryStoreTest;
import dev.servescope.app.ui.build.BuildModel;
import dev.servescope.app.ui.charts.ChartsModel;
import dev.servescope.app.ui.overview.OverviewModel;
import dev.servescope.app.ui.predict.BenchmarkModel;
import dev.servescope.app.ui.predict.PredictModel;
import dev.servescope.app.ui.predict.PredictSession;
import dev.servescope.app.ui.predict.PredictView;
import dev.servescope.app.ui.predict.VariantsModel;
import dev.servescope.app.ui.task.FxTaskExecutor;
import dev.servescope.app.ui.task.TaskExecutor;
import dev.servescope.app.wiring.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, driven by a robot (headless Monocle): predict, switch model, benchmark, no engine, charts. */
@ExtendWith(ApplicationExtension.class)
class AppWindowTest {
  private PredictModel predict;
  private BenchmarkModel benchmark;
  private BuildModel build;
  private ChartsModel charts;
  private OverviewModel overview;
  private String storedRun;

  @Start
  void start(Stage stage) throws Exception {
    Path history = Files.createTempDirectory("servescope-ui").resolve("history.db");
    try (HistoryStore store = HistoryStore.open(history)) {
      storedRun = store.startRun(new EngineInfo("20.10.24", "1.41", "test"), null);
      store.recordVersion(storedRun, HistoryStoreTest.result("v2", 590_000_000));
      store.recordVersion(storedRun, HistoryStoreTest.result("v5", 126_000_000));
      store.finishRun(storedRun, RunStatus.COMPLETE, null);
    }
    Services services = TestServices.withoutEngine(history);
    TaskExecutor tasks = new FxTaskExecutor();
    predict = new PredictModel(new PredictSession(services.catalog(), services.samples(), tasks));
    benchmark = new BenchmarkModel(predict);
    charts = new ChartsModel(services.history(), tasks);
    overview = new OverviewModel(services.history(), tasks);
    build = new BuildModel(ServeScopeApp.buildNeeds(services), tasks, charts::reload);
    javafx.scene.control.TabPane tabs = ServeScopeApp.root(overview, new PredictView(predict, benchmark,
        new VariantsModel(predict, null)), build, charts, new dev.servescope.app.ui.explore.ExploreModel(
        services.images(), tasks));
    tabs.getSelectionModel().select(1);
    stage.setScene(new javafx.scene.Scene(tabs, 1280, 800));
    stage.show();
    build.engine().refresh();
    charts.reload();
    overview.reload();
  }

  /** Waits for a condition, then for the FX thread to finish the event that made it true. */
  private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void typingTextAndPressingPredictShowsTheLabelAndTimings(FxRobot robot) throws Exception {
    robot.clickOn("#predict-text").write("An absolutely wonderful film, I loved every minute.");
    robot.clickOn("#predict-button");
    Label label = robot.lookup("#prediction-label").queryAs(Label.class);
    Label timings = robot.lookup("#prediction-timings").queryAs(Label.class);
    // The view fills its labels one after another on the FX thread: wait for the last one.
    waitFor(() -> !timings.getText().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(label.getText()).startsWith("POSITIVE");
    assertThat(timings.getText()).contains("tokenize")
        .contains("inference").contains("total");
    assertThat(robot.lookup("#prediction-details").queryAs(Label.class).getText()).contains("bge-small-int8");
  }

  @Test
  void ctrlEnterPredictsAndAnEmptyTextSaysSo(FxRobot robot) throws Exception {
    robot.clickOn("#predict-button");
    Label message = robot.lookup("#predict-message").queryAs(Label.class);
    waitFor(() -> !message.getText().isEmpty());
    assertThat(message.getText()).isEqualTo("Type or pick a sentence first: the text is empty.");
    assertThat(predict.predictionProperty().get()).as("nothing classified").isNull();

    robot.clickOn("#predict-text").write("A dull, tedious and lifeless film.");
    robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.ENTER)
        .release(javafx.scene.input.KeyCode.ENTER, javafx.scene.input.KeyCode.CONTROL);
    Label label = robot.lookup("#prediction-label").queryAs(Label.class);
    waitFor(() -> predict.predictionProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(predict.predictionProperty().get().label()).as("Ctrl+Enter classified the typed text")
        .isEqualTo("negative");
    assertThat(label.getText()).startsWith("NEGATIVE");
  }

  @Test
  void switchingTheModelPredictsWithTheNewOne(FxRobot robot) throws Exception {
    ComboBox<?> models = robot.lookup("#model-choice").queryComboBox();
    assertThat(predict.modelProperty().get().id()).as("opens on").isEqualTo("bge-small-int8");
    robot.interact(() -> models.getSelectionModel().select(3));
    assertThat(predict.modelProperty().get().id()).isEqualTo("minilm-l6-int8");
    robot.clickOn("#predict-text").write("What a great day.");
    robot.clickOn("#predict-button");
    Label details = robot.lookup("#prediction-details").queryAs(Label.class);
    waitFor(() -> details.getText().contains("minilm-l6-int8"));
  }

  @Test
  void aBenchmarkShowsPercentilesAndAHistogram(FxRobot robot) throws Exception {
    robot.interact(() -> benchmark.runsProperty().set(40));
    robot.clickOn("#benchmark-button");
    Label stats = robot.lookup("#benchmark-stats").queryAs(Label.class);
    waitFor(() -> stats.getText().contains("p99"));
    BarChart<?, ?> histogram = robot.lookup("#latency-histogram").queryAs(BarChart.class);
    assertThat(histogram.getData()).hasSize(1);
    assertThat(histogram.getData().get(0).getData()).isNotEmpty();
    assertThat(robot.lookup("#benchmark-progress").queryAs(javafx.scene.control.ProgressBar.class).getProgress())
        .isEqualTo(1.0);
  }

  @Test
  void withoutAnEngineTheBuildViewSaysHowToStartOneAndPredictStillWorks(FxRobot robot) throws Exception {
    robot.clickOn("Build");
    Label status = robot.lookup("#engine-status").queryAs(Label.class);
    waitFor(() -> status.getText().contains("not reachable"));
    assertThat(status.getText()).contains("dockerd").contains("DOCKER_HOST");
    assertThat(robot.lookup("#ladder-button").queryAs(Button.class).isDisabled()).isTrue();
    assertThat(robot.lookup("#dockerfile").queryAs(javafx.scene.control.TextArea.class).getText())
        .contains("FROM");
    robot.clickOn("Predict");
    robot.clickOn("#predict-text").write("I love it.");
    robot.clickOn("#predict-button");
    Label label = robot.lookup("#prediction-label").queryAs(Label.class);
    waitFor(() -> !label.getText().isEmpty());
  }

  @Test
  void theOverviewShowsTheStoredRunRungByRung(FxRobot robot) throws Exception {
    robot.clickOn("Overview");
    waitFor(() -> overview.rows().size() == 2);
    javafx.scene.control.TableView<?> table = robot.lookup("#overview-table").queryAs(
        javafx.scene.control.TableView.class);
    assertThat(table.isVisible()).isTrue();
    assertThat(table.getItems()).hasSize(2);
    assertThat(robot.lookup("#overview-title").queryAs(javafx.scene.control.Label.class).getText())
        .contains(storedRun);
    // The second rung's image against the first's, as the table shows it.
    assertThat(robot.lookup(".table-cell").queryAllAs(javafx.scene.control.TableCell.class))
        .extracting(javafx.scene.control.TableCell::getText).contains("v5", "\u2212464.0 MB (\u221279%)");
    assertThat(robot.lookup("#overview-first-steps").query().getParent().isVisible())
        .as("what to do first is for an empty history").isFalse();
    assertThat(robot.lookup("#export-report").queryButton().isDisabled()).isFalse();
  }

  @Test
  void theSweepMetricSwapsTheBarsForTheSweepChartAndSaysWhenARunHasNoSweep(FxRobot robot) throws Exception {
    robot.clickOn("Charts");
    waitFor(() -> charts.runProperty().get() != null);
    robot.interact(() -> charts.metricProperty().set(Metric.SWEEP));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#sweep-chart").query().isVisible()).isTrue();
    assertThat(robot.lookup("#chart").query().isVisible()).isFalse();
    assertThat(robot.lookup("#charts-message").queryAs(javafx.scene.control.Label.class).getText())
        .startsWith("No concurrency sweep in this run");
    robot.interact(() -> charts.metricProperty().set(Metric.SIZES));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#chart").query().isVisible()).isTrue();
  }

  @Test
  void chartsRenderAStoredRun(FxRobot robot) throws Exception {
    robot.clickOn("Charts");
    waitFor(() -> charts.runProperty().get() != null);
    assertThat(charts.runProperty().get().id()).isEqualTo(storedRun);
    BarChart<?, ?> chart = robot.lookup("#chart").queryAs(BarChart.class);
    waitFor(() -> chart.getData().size() == 2);
    assertThat(chart.getData().get(0).getData()).hasSize(2);
    Node bar = ((javafx.scene.chart.XYChart.Data<?, ?>) chart.getData().get(0).getData().get(0)).getNode();
    assertThat(bar).isNotNull();
    assertThat(bar.getBoundsInParent().getHeight()).isPositive();
    assertThat(bar.lookup(".label")).as("the bar carries its value").isInstanceOf(Label.class)
        .extracting(n -> ((Label) n).getText()).isEqualTo("590");
    robot.interact(() -> charts.showStudyProperty().set(true));
    assertThat(chart.getData()).hasSize(4);
  }

  @Test
  void aRungIsAddedThroughItsFormWhichRefusesWhatCannotWork(FxRobot robot) throws Exception {
    Path dir = Files.createTempDirectory("servescope-ladder");
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, "ladder: mine\nreference: v5\nrungs:\n  - id: v5\n    builtin: v5\n");
    robot.clickOn("Build");
    robot.interact(() -> build.ladder().openLadder(file));
    Label name = robot.lookup("#ladder-name").queryAs(Label.class);
    waitFor(() -> name.getText().startsWith("mine"));
    // The dialog waits in a nested event loop: fire the button without waiting for its handler to return.
    Button addButton = robot.lookup("#add-rung-button").queryButton();
    javafx.application.Platform.runLater(addButton::fire);
    waitFor(() -> robot.lookup("#rung-id").tryQuery().isPresent());
    Button ok = robot.lookup("#rung-ok").queryAs(Button.class);
    Label problems = robot.lookup("#rung-problems").queryAs(Label.class);
    assertThat(ok.isDisabled()).as("nothing typed yet").isTrue();
    robot.clickOn("#rung-id").write("prod");
    robot.clickOn("#rung-kind-image");
    robot.clickOn("#rung-source").write("acme/sentiment:1.4");
    javafx.scene.control.TextField port = robot.lookup("#probe-port").queryAs(javafx.scene.control.TextField.class);
    robot.interact(port::clear);
    robot.clickOn(port).write("x");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(problems.getText()).contains("port must be a number");
    assertThat(ok.isDisabled()).isTrue();
    robot.interact(port::clear);
    robot.clickOn(port).write("9000");
    javafx.scene.control.TextField health = robot.lookup("#probe-health")
        .queryAs(javafx.scene.control.TextField.class);
    robot.interact(health::clear);
    robot.clickOn(health).write("/healthz");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(problems.getText()).isEmpty();
    robot.clickOn(ok);
    waitFor(() -> build.ladder().rungs().size() == 2 || build.messageProperty().get().startsWith("Cannot"));
    assertThat(build.messageProperty().get()).startsWith("Added prod");
    var prod = dev.servescope.app.ladder.file.LadderFiles.read(file).rung("prod").orElseThrow();
    assertThat(prod.image()).isEqualTo("acme/sentiment:1.4");
    assertThat(prod.probe().port()).isEqualTo(9000);
    assertThat(prod.probe().health()).isEqualTo("/healthz");
    assertThat(robot.lookup("#build-button").queryAs(Button.class).isDisabled()).as("an image is not built")
        .isTrue();
  }
}
