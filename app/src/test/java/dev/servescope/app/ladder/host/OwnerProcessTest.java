package dev.servescope.app.ladder.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OwnerProcessTest {

  @Test
  void labelRoundTripsAndForeignLabelsAreIgnored() {
    OwnerProcess owner = new OwnerProcess(1234, "build-host", 1_700_000_000_000L);
    assertThat(owner.label()).isEqualTo("1234@build-host@1700000000000");
    assertThat(OwnerProcess.parse(owner.label())).contains(owner);
    assertThat(OwnerProcess.parse(null)).isEmpty();
    assertThat(OwnerProcess.parse("ladder")).isEmpty();
    assertThat(OwnerProcess.parse("x@host@1")).isEmpty();
    assertThat(OwnerProcess.liveness(null)).isEqualTo(OwnerProcess.Liveness.GONE);
    assertThat(OwnerProcess.liveness("ladder")).isEqualTo(OwnerProcess.Liveness.GONE);
  }

  @Test
  void aliveMeansThisProcessOrARunningOneOnThisMachine() throws Exception {
    OwnerProcess me = OwnerProcess.current();
    assertThat(me.liveness()).isEqualTo(OwnerProcess.Liveness.ALIVE);
    assertThat(OwnerProcess.liveness(me.label())).isEqualTo(OwnerProcess.Liveness.ALIVE);

    Process sleeper = new ProcessBuilder("sleep", "30").start();
    try {
      long started = sleeper.toHandle().info().startInstant().map(Instant::toEpochMilli).orElseThrow();
      assertThat(new OwnerProcess(sleeper.pid(), me.host(), started).isGone()).isFalse();
      assertThat(new OwnerProcess(sleeper.pid(), me.host(), started - 60_000).isGone())
          .as("same pid, different start: the pid was reused, the owner is gone").isTrue();
      assertThat(new OwnerProcess(sleeper.pid(), "another-machine", started).liveness())
          .as("an owner elsewhere cannot be checked, so it is never taken for gone")
          .isEqualTo(OwnerProcess.Liveness.ELSEWHERE);
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
    assertThat(new OwnerProcess(sleeper.pid(), me.host(), 0).isGone()).as("exited").isTrue();
  }
}
