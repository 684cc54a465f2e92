package dev.servescope.app.ladder.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep's objective search and its saturation rule. */
class SweepTest {
  private static Sweep.Point p(int c, double throughput, double p99) {
    return new Sweep.Point(c, throughput, p99 / 2, p99);
  }

  @Test
  void theBestThroughputIsTheHighestWhoseP99KeptTheObjective() {
    Sweep s = Sweep.of(20, List.of(p(1, 150, 8), p(2, 280, 12), p(4, 330, 25), p(8, 335, 60)));
    assertThat(s.maxThroughputWithinSlo()).isEqualTo(280);
    assertThat(Sweep.of(5, s.points()).maxThroughputWithinSlo()).as("no level kept 5 ms").isNull();
    assertThat(Sweep.of(100, s.points()).maxThroughputWithinSlo()).isEqualTo(335);
  }

  @Test
  void moreCallersStopOnceTheyOnlyQueue() {
    assertThat(Sweep.saturated(List.of(p(1, 150, 8)), 20)).as("one level says nothing").isFalse();
    assertThat(Sweep.saturated(List.of(p(1, 150, 8), p(2, 280, 12)), 20)).as("still rising").isFalse();
    assertThat(Sweep.saturated(List.of(p(1, 150, 8), p(2, 280, 12), p(4, 290, 25)), 20))
        .as("flat and over the objective").isTrue();
    assertThat(Sweep.saturated(List.of(p(1, 150, 8), p(2, 280, 12), p(4, 290, 15)), 20))
        .as("flat but still within it: one more level may tell").isFalse();
  }
}
