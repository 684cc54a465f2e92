package dev.servescope.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Hardware;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.Spread;
import dev.servescope.app.ladder.result.Sweep;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.result.Warmup;
import dev.servescope.app.report.ChartData.Metric;
import dev.servescope.app.store.HistoryStoreTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one chart model both the Charts view and the HTML report draw: its series from fixed runs. */
class ChartDataTest {
  private static final EngineInfo ENGINE = new EngineInfo("1", "1.41", "x");
  private static final RunReport RUN = new RunReport("r1", "t", RunStatus.COMPLETE, null, ENGINE, null,
      List.of(HistoryStoreTest.result("v2", 500_000_000), HistoryStoreTest.result("v5", 120_000_000)));
  private static final RunReport OTHER = new RunReport("r0", "t", RunStatus.COMPLETE, null, ENGINE, null,
      List.of(HistoryStoreTest.result("v5", 130_000_000)));

  @Test
  void sizesAreImageAndContainerMegabytesPerVersion() {
    List<ChartData.Series> s = ChartData.series(RUN, null, Metric.SIZES, "v5", false);
    assertThat(s).extracting(ChartData.Series::name).containsExactly("image", "container");
    assertThat(s.get(0).points()).containsExactly(new ChartData.Point("v2", 500), new ChartData.Point("v5", 120));
    assertThat(s.get(1).points().get(1).value()).isEqualTo(120.00001);
  }

  @Test
  void theStudyReferenceAndASecondRunAddSeries() {
    List<ChartData.Series> s = ChartData.series(RUN, OTHER, Metric.SIZES, "v5", true);
    assertThat(s).extracting(ChartData.Series::name).containsExactly("image r1", "container r1", "image r0",
        "container r0", "study image (Python)", "study container (Python)");
    assertThat(s.get(4).points().get(0)).isEqualTo(new ChartData.Point("v1", 3780));
  }

  @Test
  void latencyHasP50AndP99AndThroughputOneSeries() {
    assertThat(ChartData.series(RUN, null, Metric.LATENCY, "v5", false))
        .extracting(ChartData.Series::name).containsExactly("p50", "p99");
    assertThat(ChartData.series(RUN, null, Metric.THROUGHPUT, "v5", false).get(0).points())
        .extracting(ChartData.Point::value).containsExactly(150.5, 150.5);
    assertThat(ChartData.series(null, null, Metric.SIZES, "v5", false)).isEmpty();
  }

  @Test
  void agreementIsInPercentAndRungsWithoutOneHaveNoBar() {
    VersionResult measured = HistoryStoreTest.result("v5", 1);
    VersionResult none = HistoryStoreTest.result("svc", 1);
    none = VersionResult.builder(none.version(), none.image()).latency(none.latencyMs(), null).build();
    RunReport run = new RunReport("r", "t", RunStatus.COMPLETE, null, ENGINE, null, List.of(measured, none));
    assertThat(ChartData.series(run, null, Metric.AGREEMENT, "v5", false)).singleElement()
        .satisfies(s -> assertThat(s.points()).containsExactly(new ChartData.Point("v5",
            measured.labelAgreement() * 100)));
    RunReport served = new RunReport("s", "t", RunStatus.COMPLETE, null, ENGINE, null,
        List.of(measured.toBuilder().servedAccuracy(0.8085).build(), none));
    assertThat(ChartData.series(served, null, Metric.SERVED_ACCURACY, "v5", false)).singleElement()
        .satisfies(s -> assertThat(s.points()).containsExactly(new ChartData.Point("v5", 80.85)));
  }

  @Test
  void aRunIsNamedByItsLadderStartStatusAndRungs() {
    RunReport own = new RunReport("r", "2026-11-28T06:25:17.5Z", RunStatus.COMPLETE, null, ENGINE, null,
        List.of(HistoryStoreTest.result("v5", 1)), new dev.servescope.app.ladder.result.RunSetup("mine", "v5", null));
    assertThat(ChartData.runName(own)).isEqualTo("mine · 2026-11-28 06:25 · complete · 1 rung");
    assertThat(ChartData.runName(RUN)).isEqualTo("r1 · complete · 2 rungs");
  }

  @Test
  void biggestLayersAreNamedByTheirInstructionAndTheRestSummed() {
    List<LayerSize> layers = List.of(new LayerSize(50_000_000, ""), new LayerSize(0, "ENV A=1"),
        new LayerSize(80_000_000, "COPY dir:abc in /app/lib/"), new LayerSize(1_000_000, "RUN apt-get update"),
        new LayerSize(2_000_000, "COPY model/ /app/models/x"));
    List<ChartData.Point> p = ChartData.biggestLayers(layers, 2);
    assertThat(p).containsExactly(new ChartData.Point("COPY dir:abc in /app/lib/ #1", 80),
        new ChartData.Point("base image (imported) #2", 50), new ChartData.Point("other layers", 3));
    assertThat(ChartData.shorten("x".repeat(50), 10)).hasSize(10).endsWith("…");
  }

  @Test
  void comparingRunsFromDifferentHardwareSaysHowTheyDiffer() {
    Hardware small = new Hardware("AMD EPYC", 2, List.of("avx2"), 24_000_000_000L, "20.10", "6.1", "Debian",
        "x86_64", null);
    Hardware big = new Hardware("AMD EPYC", 16, List.of("avx2"), 24_000_000_000L, "20.10", "6.1", "Debian",
        "x86_64", null);
    RunReport here = new RunReport("a", "t", RunStatus.COMPLETE, null, ENGINE, small, List.of());
    RunReport there = new RunReport("b", "t", RunStatus.COMPLETE, null, ENGINE, big, List.of());
    assertThat(Figures.hardwareDifferences(here, there)).isEqualTo("cpus 2 vs 16");
    assertThat(Figures.hardwareDifferences(here, here)).isEmpty();
    assertThat(Figures.hardwareDifferences(here, RUN)).as("an old run without hardware").isEmpty();
  }

  @Test
  void barLabelsKeepTheDigitsThatMatter() {
    assertThat(Figures.barLabel(1906.2)).isEqualTo("1,906");
    assertThat(Figures.barLabel(126.3)).isEqualTo("126");
    assertThat(Figures.barLabel(12.04)).isEqualTo("12.0");
    assertThat(Figures.barLabel(0.987)).isEqualTo("0.99");
  }

  @Test
  void aSweepIsACurvePerRungOfP99AgainstThroughput() {
    VersionResult v5 = HistoryStoreTest.result("v5", 120_000_000);
    Sweep sweep = Sweep.of(20, List.of(
        new Sweep.Point(1, 178, 5.1, 9.9),
        new Sweep.Point(2, 300, 6.2, 15.0)));
    v5 = v5.toBuilder().sweep(sweep).repeats(1, List.of()).build();
    RunReport run = new RunReport("r2", "t", RunStatus.COMPLETE, null, ENGINE, null,
        List.of(HistoryStoreTest.result("v2", 500_000_000), v5));

    List<ChartData.Curve> curves = ChartData.curves(run, null);

    assertThat(curves).hasSize(1);
    assertThat(curves.get(0).name()).isEqualTo("v5");
    assertThat(curves.get(0).points()).containsExactly(new ChartData.XyPoint(178, 9.9, "1 caller"),
        new ChartData.XyPoint(300, 15.0, "2 callers"));
    assertThat(ChartData.curves(run, RUN)).extracting(ChartData.Curve::name).containsExactly("v5 r2");
    assertThat(ChartData.series(run, null, Metric.SWEEP, "v5", false)).isEmpty();
  }

  @Test
  void barsCarryTheirSpreadsForTheReportsWhiskers() {
    VersionResult v5 = HistoryStoreTest.result("v5", 1).toBuilder().throughput(150, new Spread(140, 160))
        .coldStart(900, new Spread(880, 990), null).build();
    RunReport run = new RunReport("r", "t", RunStatus.COMPLETE, null, ENGINE, null, List.of(v5));
    assertThat(ChartData.series(run, null, Metric.THROUGHPUT, null, false).get(0).points())
        .containsExactly(new ChartData.Point("v5", 150, new Spread(140, 160)));
    assertThat(ChartData.series(run, null, Metric.COLD_START, null, false).get(0).points())
        .containsExactly(new ChartData.Point("v5", 900, new Spread(880, 990)));
    assertThat(Svg.bars(Metric.THROUGHPUT, "Throughput", List.of("v1", "v5"), ChartData.series(run, null,
        Metric.THROUGHPUT, null, false))).as("one bar, for the rung that has the figure")
        .containsOnlyOnce("<rect class=\"bar\"").contains("v5").contains("requests/s");
  }

  @Test
  void aNewReplicaStacksItsColdStartAndWarmUpAndItsWindowsAreALinePerRung() {
    VersionResult v5 = HistoryStoreTest.result("v5", 1).toBuilder().coldStart(800, null, null).cpu(2.5, 1.0)
        .warmup(Warmup.of(List.of(new Warmup.Start(2100, 14, 30_000, 1000, List.of(9.0, 5.0, 5.1, 5.0))))).build();
    VersionResult v1 = HistoryStoreTest.result("v1", 1).toBuilder()
        .warmup(Warmup.of(List.of(new Warmup.Start(-1, 0, 30_000, 1000, List.of(50.0, 20.0, 40.0))))).build();
    VersionResult old = HistoryStoreTest.result("v2", 1);
    RunReport run = new RunReport("r", "t", RunStatus.COMPLETE, null, ENGINE, null, List.of(v5, v1, old));

    assertThat(ChartData.newReplica(run)).as("only a rung that settled has a bar to stack")
        .containsOnlyKeys("v5").extractingByKey("v5")
        .isEqualTo(java.util.Map.of("cold start", 800L, "warm-up to steady", 2100L));
    List<ChartData.Curve> lines = ChartData.curves(run, null, Metric.WARMUP);
    assertThat(lines).extracting(ChartData.Curve::name).containsExactly("v5", "v1");
    assertThat(lines.get(0).points()).extracting(ChartData.XyPoint::x).containsExactly(1.0, 2.0, 3.0, 4.0);
    assertThat(lines.get(0).points()).extracting(ChartData.XyPoint::y).containsExactly(9.0, 5.0, 5.1, 5.0);
    assertThat(ChartData.curves(run, null, Metric.THROUGHPUT)).as("bars are not lines").isEmpty();
    assertThat(ChartData.series(run, null, Metric.CPU, null, false).get(0).points())
        .containsExactly(new ChartData.Point("v5", 2.5));
  }

  @Test
  void theNewReplicaStacksThePullAtTheFirstBandwidthUnderTheStartAndTheWarmUp() {
    java.util.Map<String, Long> pullMs = new java.util.LinkedHashMap<>();
    pullMs.put("100mbit", 4900L);
    pullMs.put("1gbit", 1800L);
    VersionResult v5 = HistoryStoreTest.result("v5", 1).toBuilder().coldStart(800, null, null)
        .pull(new dev.servescope.app.ladder.result.Pull("sha256:5", "r", 50L, pullMs, pullMs, java.util.Map.of(),
            null, null))
        .warmup(Warmup.of(List.of(new Warmup.Start(1000, 0, 30_000, 1000, List.of(9.0, 9.0, 9.0))))).build();
    RunReport run = new RunReport("r", "t", RunStatus.COMPLETE, null, ENGINE, null, List.of(v5));
    List<ChartData.Series> parts = ChartData.series(run, null, Metric.NEW_REPLICA, null, false);
    assertThat(Metric.NEW_REPLICA.stacked()).isTrue();
    assertThat(parts).extracting(ChartData.Series::name).containsExactly("pull at 100mbit", "cold start",
        "warm-up to steady");
    assertThat(parts).extracting(x -> x.points().get(0).value()).containsExactly(4900.0, 800.0, 1000.0);
    assertThat(v5.newReplicaMs()).containsEntry("100mbit", 6700L).containsEntry("1gbit", 3600L);
  }
}
