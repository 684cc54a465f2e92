package dev.servescope.app.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Hardware;
import dev.servescope.app.ladder.result.HistoryReader;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.report.ChartData;
import dev.servescope.app.report.ChartData.Metric;
import dev.servescope.app.store.HistoryStoreTest;
import dev.servescope.app.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Charts view's model over a history in memory, its work run at once on the test's thread. */
class ChartsModelTest {
  private static final EngineInfo ENGINE = new EngineInfo("1", "1.41", "x");
  private static final Hardware SMALL = new Hardware("AMD EPYC", 2, List.of("avx2"), 24_000_000_000L, "20.10", "6.1",
      "Debian", "x86_64", null);
  private static final Hardware BIG = new Hardware("AMD EPYC", 16, List.of("avx2"), 24_000_000_000L, "20.10", "6.1",
      "Debian", "x86_64", null);
  private static final RunReport NEWER = new RunReport("r2", "t", RunStatus.COMPLETE, null, ENGINE, SMALL,
      List.of(HistoryStoreTest.result("v5", 120_000_000)));
  private static final RunReport OLDER = new RunReport("r1", "t", RunStatus.COMPLETE, null, ENGINE, BIG,
      List.of(HistoryStoreTest.result("v2", 500_000_000), HistoryStoreTest.result("v5", 130_000_000)));
  private static final RunReport NOTHING = new RunReport("r0", "t", RunStatus.FAILED, "no engine", ENGINE, SMALL,
      List.of());

  @Test
  void itShowsTheNewestMeasuredRunAndItsSeriesFromTheOneChartModel() {
    ChartsModel model = new ChartsModel(history(null, NOTHING, NEWER, OLDER), new CurrentThreadTaskExecutor());
    model.reload();
    assertThat(model.runs()).as("runs without a measured rung are left out").containsExactly(NEWER, OLDER);
    assertThat(model.runProperty().get()).isEqualTo(NEWER);
    assertThat(model.rungs()).containsExactly("v5");
    assertThat(model.series()).isEqualTo(ChartData.series(NEWER, null, Metric.SIZES, "v5", false));
    assertThat(model.messageProperty().get()).isEmpty();

    model.metricProperty().set(Metric.SWEEP);
    assertThat(model.series()).isEmpty();
    assertThat(model.messageProperty().get()).startsWith("No concurrency sweep in this run");

    model.metricProperty().set(Metric.THROUGHPUT);
    model.compareProperty().set(OLDER);
    assertThat(model.series()).extracting(ChartData.Series::name).containsExactly("throughput r2",
        "throughput r1");
    assertThat(model.messageProperty().get()).isEqualTo("The run compared with (r1) ran on other hardware"
        + " (cpus 2 vs 16): compare with care.");
  }

  @Test
  void anEmptyOrUnreadableHistorySaysSo() {
    ChartsModel empty = new ChartsModel(history(null), new CurrentThreadTaskExecutor());
    empty.reload();
    assertThat(empty.runProperty().get()).isNull();
    assertThat(empty.messageProperty().get()).startsWith("No measured runs yet");

    ChartsModel moved = new ChartsModel(history(Path.of("/data/history.db.broken"), NEWER),
        new CurrentThreadTaskExecutor());
    moved.reload();
    assertThat(moved.messageProperty().get()).isEqualTo("The run history was unreadable; it was moved to"
        + " /data/history.db.broken and a new one started.");
  }

  private static HistoryReader history(Path movedAside, RunReport... runs) {
    return new HistoryReader() {
      @Override
      public List<RunReport> runs() {
        return List.of(runs);
      }

      @Override
      public Optional<RunReport> load(String runId) {
        return runs().stream().filter(r -> r.id().equals(runId)).findFirst();
      }

      @Override
      public Optional<Path> movedAside() {
        return Optional.ofNullable(movedAside);
      }
    };
  }
}
