package dev.servescope.inference.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void percentilesOfOneToAHundredMilliseconds() {
    Histogram h = LatencySummary.newHistogram();
    for (int ms = 1; ms <= 100; ms++) {
      LatencySummary.recordNanos(h, ms * 1_000_000L);
    }
    LatencySummary s = LatencySummary.of(h);
    assertThat(s.count()).isEqualTo(100);
    assertThat(s.p50()).isBetween(49.9, 50.1);
    assertThat(s.p90()).isBetween(89.9, 90.1);
    assertThat(s.p99()).isBetween(98.9, 99.1);
    assertThat(s.max()).isBetween(99.9, 100.1);
    assertThat(s.mean()).isBetween(50.4, 50.6);
  }

  @Test
  void histogramBinsCoverEverySampleAndPutOutliersInTheLastBin() {
    Histogram h = LatencySummary.newHistogram();
    for (int ms = 1; ms <= 1000; ms++) {
      LatencySummary.recordNanos(h, ms * 1_000_000L);
    }
    LatencySummary.recordNanos(h, 5_000_000_000L); // beyond the 99.9th percentile: counted in the last bin
    List<BenchReport.Bin> bins = Benchmark.bins(h, 10);
    assertThat(bins).hasSize(10);
    assertThat(bins.stream().mapToLong(BenchReport.Bin::count).sum()).isEqualTo(1001);
    assertThat(bins.get(0).fromMs()).isEqualTo(1.0);
    assertThat(bins.get(9).toMs()).isBetween(999.0, 1001.0);
    assertThat(bins.get(0).count()).isBetween(95L, 105L);
    assertThat(bins.get(9).count()).isBetween(96L, 106L);
  }

  @Test
  void overheadComparesTotalWithBareRunPlusTokenizing() {
    LatencySummary tok = new LatencySummary(1, 1, 1, 1, 1, 1);
    LatencySummary bare = new LatencySummary(1, 9, 9, 9, 9, 9);
    LatencySummary total = new LatencySummary(1, 11, 11, 11, 11, 11);
    BenchReport r = new BenchReport("m", 1, new BenchConfig(0, 1, 1), tok, bare, total, bare, 100, List.of());
    assertThat(r.overheadAtP50()).isBetween(0.0999, 0.1001);
  }
}
