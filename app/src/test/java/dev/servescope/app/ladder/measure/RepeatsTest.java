package dev.servescope.app.ladder.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.servescope.app.ladder.result.Spread;
import dev.servescope.app.ladder.result.VersionResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepeatsTest {

  @Test
  void theMedianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
    assertThat(Spread.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
    assertThat(Spread.median(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(3.5);
    assertThat(Spread.median(List.of(7.0))).isEqualTo(7.0);
    assertThatThrownBy(() -> Spread.median(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSpreadIsNoisyWhenWiderThanAFifthOfItsMedian() {
    Spread s = Spread.of(List.of(300.0, 320.0, 310.0));
    assertThat(s).isEqualTo(new Spread(300, 320));
    assertThat(s.width(310)).isCloseTo(20.0 / 310, within(1e-9));
    assertThat(s.noisy(310)).isFalse();
    assertThat(new Spread(80, 121).noisy(100)).isTrue();
    assertThat(new Spread(80, 100).noisy(100)).isFalse();
    assertThat(new Spread(0, 0).noisy(0)).isFalse();
    assertThat(new Spread(0, 1).noisy(0)).isTrue();
  }

  @Test
  void rungsTakeTurnsRoundByRound() {
    assertThat(Repeats.roundRobin(List.of("v1", "v5", "node"), 2)).containsExactly(
        new Repeats.Turn<>(1, "v1"), new Repeats.Turn<>(1, "v5"), new Repeats.Turn<>(1, "node"),
        new Repeats.Turn<>(2, "v1"), new Repeats.Turn<>(2, "v5"), new Repeats.Turn<>(2, "node"));
    assertThat(Repeats.roundRobin(List.of("v1"), 3)).extracting(Repeats.Turn::round).containsExactly(1, 2, 3);
  }

  private static VersionMeasurement.Served served(long coldMs, long loadedMs, double p50, double p99,
      double throughput) {
    Map<String, Long> phases = new LinkedHashMap<>();
    phases.put(ColdStart.STARTED, 40L);
    phases.put(ColdStart.MODEL_LOADED, loadedMs);
    phases.put(ColdStart.FIRST_PREDICTION, coldMs - 40 - loadedMs);
    return new VersionMeasurement.Served(new ColdStart(coldMs, phases), null, 0,
        new VersionResult.Percentiles(p50, p50 * 1.2, p99), throughput, null, null, null, null,
        VersionMeasurement.Cpu.NONE);
  }

  @Test
  void eachFigureIsTheMedianOfItsRepeatsWithItsSpreadAndNoisyMarks() {
    Repeats.Summary s = Repeats.summarize(List.of(
        served(900, 600, 7.0, 9.0, 310),
        served(1500, 1100, 7.2, 30.0, 300),
        served(1000, 700, 7.1, 10.0, 320)));

    assertThat(s.coldStartMs()).isEqualTo(1000);
    assertThat(s.coldStart()).isEqualTo(new Spread(900, 1500));
    assertThat(s.latency().p50()).isEqualTo(7.1);
    assertThat(s.latency().p99()).isEqualTo(10.0);
    assertThat(s.latencySpread().p99()).isEqualTo(new Spread(9, 30));
    assertThat(s.throughput()).isEqualTo(310);
    assertThat(s.throughputSpread()).isEqualTo(new Spread(300, 320));
    // 600 ms of 1000 is wide; 2 ms of 7.1 and 20 of 310 are not; p99 from 9 to 30 is.
    assertThat(s.noisy()).containsExactly(Repeats.COLD_START, Repeats.P99);
    assertThat(s.breakdownMs()).containsExactly(Map.entry(ColdStart.STARTED, 40L),
        Map.entry(ColdStart.MODEL_LOADED, 700L), Map.entry(ColdStart.FIRST_PREDICTION, 260L));
  }

  @Test
  void oneRepeatHasNoWidthAndIsNeverNoisy() {
    Repeats.Summary s = Repeats.summarize(List.of(served(900, 600, 7.0, 9.0, 310)));
    assertThat(s.throughputSpread()).isEqualTo(new Spread(310, 310));
    assertThat(s.noisy()).isEmpty();
  }
}
