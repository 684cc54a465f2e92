package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerOwnerTest {

  @Test
  void labelRoundTripsAndForeignLabelsAreIgnored() {
    ContainerOwner owner = new ContainerOwner(1234, "build-host", 1_700_000_000_000L);
    assertThat(owner.label()).isEqualTo("1234@build-host@1700000000000");
    assertThat(ContainerOwner.parse(owner.label())).contains(owner);
    assertThat(ContainerOwner.parse(null)).isEmpty();
    assertThat(ContainerOwner.parse("ladder")).isEmpty();
    assertThat(ContainerOwner.parse("x@host@1")).isEmpty();
  }

  @Test
  void onlyAnotherRunningProcessOnThisMachineKeepsItsContainers() throws Exception {
    ContainerOwner me = ContainerOwner.current();
    assertThat(me.isAnotherLiveProcess()).as("this process's own containers are its leftovers").isFalse();

    Process sleeper = new ProcessBuilder("sleep", "30").start();
    try {
      long started = sleeper.toHandle().info().startInstant().map(Instant::toEpochMilli).orElseThrow();
      ContainerOwner live = new ContainerOwner(sleeper.pid(), me.host(), started);
      assertThat(live.isAnotherLiveProcess()).isTrue();
      assertThat(new ContainerOwner(sleeper.pid(), me.host(), started - 60_000).isAnotherLiveProcess())
          .as("same pid, different start: the pid was reused, the owner is gone").isFalse();
      assertThat(new ContainerOwner(sleeper.pid(), "another-machine", started).isAnotherLiveProcess())
          .as("an owner elsewhere cannot be checked").isFalse();
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
    ContainerOwner dead = new ContainerOwner(sleeper.pid(), me.host(), 0);
    assertThat(dead.isAnotherLiveProcess()).isFalse();
  }
}
