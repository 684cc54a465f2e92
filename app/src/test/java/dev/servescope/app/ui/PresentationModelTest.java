package dev.servescope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.LadderVersion;
import dev.servescope.inference.classify.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The presentation models on their own, without a window: commands, messages, state. */
class PresentationModelTest {

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  private static <T> T onFx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
  }

  private static void waitFor(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
  }

  @Test
  void predictRefusesEmptyTextAndKeepsTheModelWhenAFolderIsBad(@TempDir Path dir) throws Exception {
    PredictModel model = onFx(() -> new PredictModel(TestServices.withoutEngine(dir.resolve("h.db"))));
    onFx(() -> {
      model.textProperty().set("   ");
      model.predict();
      return null;
    });
    assertThat(model.messageProperty().get()).contains("empty");
    assertThat(model.busyProperty().get()).isFalse();
    String before = model.modelProperty().get().id();
    onFx(() -> {
      model.openFolder(dir.resolve("no-such-folder"));
      return null;
    });
    assertThat(model.messageProperty().get()).contains("not found");
    assertThat(model.modelProperty().get().id()).isEqualTo(before);
    model.close();
  }

  @Test
  void predictRunsInTheBackgroundAndPublishesTheResult(@TempDir Path dir) throws Exception {
    PredictModel model = onFx(() -> new PredictModel(TestServices.withoutEngine(dir.resolve("h.db"))));
    onFx(() -> {
      model.textProperty().set("the food was cold and the service was rude . ".repeat(100));
      model.predict();
      return null;
    });
    waitFor(() -> model.predictionProperty().get() != null);
    assertThat(model.predictionProperty().get().label()).isEqualTo("negative");
    assertThat(model.predictionProperty().get().truncated()).isTrue();
    waitFor(() -> model.messageProperty().get().contains("cut to the model's limit"));
    assertThat(model.messageProperty().get()).as("the first prediction paid for loading the model")
        .contains("Loaded minilm-l6-int8").contains("includes its warm-up");

    Prediction first = model.predictionProperty().get();
    onFx(() -> {
      model.textProperty().set("A warm, funny and generous film.");
      model.predict();
      return null;
    });
    waitFor(() -> model.predictionProperty().get() != first && !model.busyProperty().get());
    assertThat(model.predictionProperty().get().label()).isEqualTo("positive");
    assertThat(model.messageProperty().get()).as("the model stays open: nothing loaded, nothing cut").isEmpty();
    assertThat(onFx(() -> model.progressProperty().get())).as("no progress bar left spinning").isZero();
    model.close();
  }

  @Test
  void buildShowsTheLessonAndSaysWhenThereIsNoEngine(@TempDir Path dir) throws Exception {
    BuildModel model = onFx(() -> new BuildModel(TestServices.withoutEngine(dir.resolve("h.db")), () -> { }));
    onFx(() -> {
      model.selectedProperty().set(LadderVersion.byId("v5"));
      model.refreshEngine();
      return null;
    });
    assertThat(model.lessonProperty().get()).startsWith("v5 quantization");
    assertThat(model.dockerfileProperty().get()).contains("FROM scratch");
    waitFor(() -> model.engineStatusProperty().get().contains("not reachable"));
    assertThat(model.engineReachableProperty().get()).isFalse();
    onFx(() -> {
      model.build();
      return null;
    });
    waitFor(() -> !model.busyProperty().get() && model.messageProperty().get().contains("no Docker engine"));
    assertThat(Files.exists(dir.resolve("h.db"))).as("nothing recorded without an engine").isFalse();
    assertThat(onFx(() -> model.status(LadderVersion.byId("v5")).get())).as("not left 'waiting'")
        .isEqualTo("not run");
    model.close();
  }
}
