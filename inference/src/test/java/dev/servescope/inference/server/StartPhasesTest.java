package dev.servescope.inference.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartPhasesTest {

  @Test
  void tellsEachMomentSinceTheJvmStartedEarliestFirst() {
    long ms = 1_000_000;
    long now = 10_000 * ms;
    // The JVM started 900 ms before "now"; moments recorded out of order, as threads report them.
    StartPhases phases = new StartPhases()
        .mark("main", now - 820 * ms)
        .mark("session", now - 300 * ms)
        .mark("tokenizer", now - 560 * ms)
        .mark("listening", now - 20 * ms);

    assertThat(phases.line(now, 900)).isEqualTo("main 80, tokenizer 340, session 600, listening 880");
  }

  @Test
  void aMomentBeforeTheJvmStartReadsAsZero() {
    long now = 5_000_000_000L;
    assertThat(new StartPhases().mark("main", now - 2_000_000_000L).line(now, 1_000)).isEqualTo("main 0");
  }
}
