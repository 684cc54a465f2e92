package dev.servescope.app.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Hardware;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.store.HistoryStoreTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsModelTest {
  private static final EngineInfo ENGINE = new EngineInfo("1", "1.41", "x");
  private static final RunReport RUN = new RunReport("r1", "t", RunStatus.COMPLETE, null, ENGINE, null,
      List.of(HistoryStoreTest.result("v2", 500_000_000), HistoryStoreTest.result("v5", 120_000_000)));
  private static final RunReport OTHER = new RunReport("r0", "t", RunStatus.COMPLETE, null, ENGINE, null,
      List.of(HistoryStoreTest.result("v5", 130_000_000)));

  @Test
  void sizesAreImageAndContainerMegabytesPerVersion() {
    List<ChartsModel.Series> s = ChartsModel.seriesFor(RUN, null, ChartsModel.Metric.SIZES, "v5", false);
    assertThat(s).extracting(ChartsModel.Series::name).containsExactly("image", "container");
    assertThat(s.get(0).points()).containsExactly(new ChartsModel.Point("v2", 500), new ChartsModel.Point("v5", 120));
    assertThat(s.get(1).points().get(1).value()).isEqualTo(120.00001);
  }

  @Test
  void theStudyReferenceAndASecondRunAddSeries() {
    List<ChartsModel.Series> s = ChartsModel.seriesFor(RUN, OTHER, ChartsModel.Metric.SIZES, "v5", true);
    assertThat(s).extracting(ChartsModel.Series::name).containsExactly("image r1", "container r1", "image r0",
        "container r0", "study image (Python)", "study container (Python)");
    assertThat(s.get(4).points().get(0)).isEqualTo(new ChartsModel.Point("v1", 3780));
  }

  @Test
  void latencyHasP50AndP99AndThroughputOneSeries() {
    assertThat(ChartsModel.seriesFor(RUN, null, ChartsModel.Metric.LATENCY, "v5", false))
        .extracting(ChartsModel.Series::name).containsExactly("p50", "p99");
    assertThat(ChartsModel.seriesFor(RUN, null, ChartsModel.Metric.THROUGHPUT, "v5", false).get(0).points())
        .extracting(ChartsModel.Point::value).containsExactly(150.5, 150.5);
    assertThat(ChartsModel.seriesFor(null, null, ChartsModel.Metric.SIZES, "v5", false)).isEmpty();
  }

  @Test
  void agreementIsInPercentAndRungsWithoutOneHaveNoBar() {
    VersionResult measured = HistoryStoreTest.result("v5", 1);
    VersionResult none = HistoryStoreTest.result("svc", 1);
    none = new VersionResult(none.version(), none.image(), null, 0, 1, 1, 0, 1, 1, none.latencyMs(), 1, null,
        List.of());
    RunReport run = new RunReport("r", "t", RunStatus.COMPLETE, null, ENGINE, null, List.of(measured, none));
    assertThat(ChartsModel.seriesFor(run, null, ChartsModel.Metric.AGREEMENT, "v5", false)).singleElement()
        .satisfies(s -> assertThat(s.points()).containsExactly(new ChartsModel.Point("v5",
            measured.labelAgreement() * 100)));
    RunReport served = new RunReport("s", "t", RunStatus.COMPLETE, null, ENGINE, null,
        List.of(measured.withServedAccuracy(0.8085), none));
    assertThat(ChartsModel.seriesFor(served, null, ChartsModel.Metric.SERVED_ACCURACY, "v5", false)).singleElement()
        .satisfies(s -> assertThat(s.points()).containsExactly(new ChartsModel.Point("v5", 80.85)));
  }

  @Test
  void aRunIsNamedByItsLadderStartStatusAndRungs() {
    RunReport own = new RunReport("r", "2026-11-28T06:25:17.5Z", RunStatus.COMPLETE, null, ENGINE, null,
        List.of(HistoryStoreTest.result("v5", 1)), new dev.servescope.app.ladder.result.RunSetup("mine", "v5", null));
    assertThat(ChartsModel.runName(own)).isEqualTo("mine · 2026-11-28 06:25 · complete · 1 rung");
    assertThat(ChartsModel.runName(RUN)).isEqualTo("r1 · complete · 2 rungs");
  }

  @Test
  void biggestLayersAreNamedByTheirInstructionAndTheRestSummed() {
    List<LayerSize> layers = List.of(new LayerSize(50_000_000, ""), new LayerSize(0, "ENV A=1"),
        new LayerSize(80_000_000, "COPY dir:abc in /app/lib/"), new LayerSize(1_000_000, "RUN apt-get update"),
        new LayerSize(2_000_000, "COPY model/ /app/models/x"));
    List<ChartsModel.Point> p = ChartsModel.biggestLayers(layers, 2);
    assertThat(p).containsExactly(new ChartsModel.Point("COPY dir:abc in /app/lib/ #1", 80),
        new ChartsModel.Point("base image (imported) #2", 50), new ChartsModel.Point("other layers", 3));
    assertThat(ChartsModel.shorten("x".repeat(50), 10)).hasSize(10).endsWith("…");
  }

  @Test
  void comparingRunsFromDifferentHardwareSaysHowTheyDiffer() {
    Hardware small = new Hardware("AMD EPYC", 2, List.of("avx2"), 24_000_000_000L, "20.10", "6.1", "Debian",
        "x86_64");
    Hardware big = new Hardware("AMD EPYC", 16, List.of("avx2"), 24_000_000_000L, "20.10", "6.1", "Debian",
        "x86_64");
    RunReport here = new RunReport("a", "t", RunStatus.COMPLETE, null, ENGINE, small, List.of());
    RunReport there = new RunReport("b", "t", RunStatus.COMPLETE, null, ENGINE, big, List.of());
    assertThat(ChartsModel.hardwareDifferences(here, there)).isEqualTo("cpus 2 vs 16");
    assertThat(ChartsModel.hardwareDifferences(here, here)).isEmpty();
    assertThat(ChartsModel.hardwareDifferences(here, RUN)).as("an old run without hardware").isEmpty();
  }

  @Test
  void barLabelsKeepTheDigitsThatMatter() {
    assertThat(ChartsModel.barLabel(1906.2)).isEqualTo("1,906");
    assertThat(ChartsModel.barLabel(126.3)).isEqualTo("126");
    assertThat(ChartsModel.barLabel(12.04)).isEqualTo("12.0");
    assertThat(ChartsModel.barLabel(0.987)).isEqualTo("0.99");
  }

  @Test
  void aSweepIsACurvePerRungOfP99AgainstThroughput() {
    dev.servescope.app.ladder.result.VersionResult v5 = HistoryStoreTest.result("v5", 120_000_000);
    dev.servescope.app.ladder.result.Sweep sweep = dev.servescope.app.ladder.result.Sweep.of(20, List.of(
        new dev.servescope.app.ladder.result.Sweep.Point(1, 178, 5.1, 9.9),
        new dev.servescope.app.ladder.result.Sweep.Point(2, 300, 6.2, 15.0)));
    v5 = new dev.servescope.app.ladder.result.VersionResult(v5.version(), v5.image(), v5.model(), v5.buildSeconds(),
        v5.imageBytes(), v5.containerBytes(), v5.containerRwBytes(), v5.coldStartMs(), v5.memoryBytes(),
        v5.latencyMs(), v5.throughputPerSecond(), v5.labelAgreement(), v5.layers(), null, null, null, null, sweep,
        null, 1, null, null, null, List.of(), null, null);
    RunReport run = new RunReport("r2", "t", RunStatus.COMPLETE, null, ENGINE, null,
        List.of(HistoryStoreTest.result("v2", 500_000_000), v5));

    List<ChartsModel.Curve> curves = ChartsModel.curvesFor(run, null, ChartsModel.Metric.SWEEP);

    assertThat(curves).hasSize(1);
    assertThat(curves.get(0).name()).isEqualTo("v5");
    assertThat(curves.get(0).points()).containsExactly(new ChartsModel.XyPoint(178, 9.9, "1 caller"),
        new ChartsModel.XyPoint(300, 15.0, "2 callers"));
    assertThat(ChartsModel.curvesFor(run, RUN, ChartsModel.Metric.SWEEP)).extracting(ChartsModel.Curve::name)
        .containsExactly("v5 r2");
    assertThat(ChartsModel.curvesFor(run, null, ChartsModel.Metric.THROUGHPUT)).isEmpty();
    assertThat(ChartsModel.seriesFor(run, null, ChartsModel.Metric.SWEEP, "v5", false)).isEmpty();
  }
}
