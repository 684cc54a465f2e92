package dev.servescope.app.ladder.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdStartTest {
  private static final long T0 = ColdStart.nanos(Instant.parse("2026-11-28T08:40:12.000000000Z"));

  private static Long at(long millis) {
    return T0 + millis * 1_000_000;
  }

  @Test
  void phasesAreTheTimesBetweenMilestonesInTheOrderReached() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put(ColdStart.CREATED, at(0));
    m.put(ColdStart.STARTED, at(35));
    m.put(ColdStart.MODEL_LOADED, at(700));
    // This server listens before it loads its model.
    m.put(ColdStart.LISTENING, at(300));
    m.put(ColdStart.HEALTHY, at(710));
    m.put(ColdStart.FIRST_PREDICTION, at(790));

    ColdStart c = ColdStart.of(m);

    assertThat(c.totalMs()).isEqualTo(790);
    assertThat(c.phasesMs()).containsExactly(Map.entry(ColdStart.STARTED, 35L), Map.entry(ColdStart.LISTENING, 265L),
        Map.entry(ColdStart.MODEL_LOADED, 400L), Map.entry(ColdStart.HEALTHY, 10L),
        Map.entry(ColdStart.FIRST_PREDICTION, 80L));
    assertThat(c.phasesMs().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(c.totalMs());
  }

  @Test
  void phasesRoundedToMillisecondsStillAddUpToTheTotal() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put(ColdStart.CREATED, T0);
    m.put(ColdStart.STARTED, T0 + 600_000);
    m.put(ColdStart.LISTENING, T0 + 1_200_000);
    m.put(ColdStart.FIRST_PREDICTION, T0 + 1_800_000);

    ColdStart c = ColdStart.of(m);

    assertThat(c.totalMs()).isEqualTo(2);
    assertThat(c.phasesMs().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
  }

  @Test
  void milestonesNotSeenAreLeftOutAndTheFirstPredictionIsRequired() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put(ColdStart.CREATED, at(0));
    m.put(ColdStart.STARTED, at(20));
    m.put(ColdStart.MODEL_LOADED, null);
    m.put(ColdStart.FIRST_PREDICTION, at(420));
    assertThat(ColdStart.of(m).phasesMs()).containsExactly(Map.entry(ColdStart.STARTED, 20L),
        Map.entry(ColdStart.FIRST_PREDICTION, 400L));

    m.remove(ColdStart.FIRST_PREDICTION);
    assertThatThrownBy(() -> ColdStart.of(m)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theServersModelLoadedLineIsFoundByItsEngineTimestamp() {
    List<String> log = List.of(
        "2026-11-28T08:40:12.051234567Z [main] INFO ServerMain - reading /app/model",
        "not a timestamped line: loaded x in 3 ms",
        "2026-11-28T08:40:12.612345678Z [main] INFO ServerMain - loaded minilm-l6-int8 in 524 ms, 598 ms after the JVM"
            + " started",
        "2026-11-28T08:40:13.000000000Z [main] INFO ServerMain - loaded again in 1 ms");

    assertThat(ColdStart.firstLineTime(log, ColdStart.MODEL_LOADED_LINE))
        .contains(Instant.parse("2026-11-28T08:40:12.612345678Z"));
    assertThat(ColdStart.firstLineTime(log.subList(0, 2), ColdStart.MODEL_LOADED_LINE)).isEmpty();
  }

  @Test
  void breakdownsOfRepeatsTakeTheMedianOfEachPhase() {
    ColdStart a = new ColdStart(100, Map.of(ColdStart.FIRST_PREDICTION, 100L));
    ColdStart b = new ColdStart(300, Map.of(ColdStart.FIRST_PREDICTION, 300L));
    ColdStart c = new ColdStart(200, Map.of(ColdStart.FIRST_PREDICTION, 200L));
    assertThat(ColdStart.medianPhases(List.of(a, b, c))).containsExactly(Map.entry(ColdStart.FIRST_PREDICTION, 200L));
  }
}
