package dev.servescope.app.ladder.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A rung's warm-up over its starts. */
class WarmupTest {
  private static Warmup.Start start(long ms, int slow, double... p50s) {
    return new Warmup.Start(ms, slow, 30_000, 1000, java.util.stream.DoubleStream.of(p50s).boxed().toList());
  }

  @Test
  void theMedianStartGivesTheTimeAndItsSlowAnswersTheFirstStartTheChart() {
    Warmup w = Warmup.of(List.of(start(4000, 30, 20, 12, 9, 9), start(2000, 11, 8), start(3000, 25, 7)));
    assertThat(w.timeToSteadyMs()).isEqualTo(3000);
    assertThat(w.warmupRequests()).isEqualTo(25);
    assertThat(w.noSteadyState()).isFalse();
    assertThat(w.windowP50Ms()).containsExactly(20.0, 12.0, 9.0, 9.0);
    assertThat(w.steadyWithinMs()).isEqualTo(30_000);
  }

  @Test
  void aStartThatNeverSettledCountsAsTheSlowestAndAMedianOfThemIsNoSteadyState() {
    Warmup one = Warmup.of(List.of(start(-1, 0, 9), start(2000, 3, 8), start(2500, 4, 8)));
    assertThat(one.timeToSteadyMs()).isEqualTo(2500);
    Warmup two = Warmup.of(List.of(start(-1, 0, 9), start(2000, 3, 8), start(-1, 0, 8)));
    assertThat(two.noSteadyState()).isTrue();
    assertThat(two.timeToSteadyMs()).isNull();
    assertThat(two.warmupRequests()).isNull();
  }
}
