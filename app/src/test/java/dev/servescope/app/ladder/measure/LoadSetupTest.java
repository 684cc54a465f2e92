package dev.servescope.app.ladder.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.result.LoadSetup;
import org.junit.jupiter.api.Test;

class LoadSetupTest {

  @Test
  void theServiceAndTheSidecarGetCpusOfTheirOwnWhereThereAreEnough() {
    assertThat(SidecarLoad.CpuSets.of(2, 1)).isEqualTo(new SidecarLoad.CpuSets("0", "1"));
    assertThat(SidecarLoad.CpuSets.of(8, 2)).isEqualTo(new SidecarLoad.CpuSets("0-1", "7"));
    assertThat(SidecarLoad.CpuSets.of(4, 1.5)).isEqualTo(new SidecarLoad.CpuSets("0-1", "3"));
    // No CPU left for the sidecar, or a single CPU: they share.
    assertThat(SidecarLoad.CpuSets.of(2, 2)).isNull();
    assertThat(SidecarLoad.CpuSets.of(1, 1)).isNull();
    assertThat(SidecarLoad.CpuSets.of(0, 2)).isNull();
  }

  @Test
  void theSummarySaysWhereTheLoadRan() {
    assertThat(new LoadSetup(LoadSetup.SIDECAR, "servescope-load:latest", "1", "0").summary())
        .isEqualTo("load in a sidecar on CPU 1, service on CPU 0");
    assertThat(new LoadSetup(LoadSetup.HOST, null, null, null).summary())
        .isEqualTo("load on the host, through the published port");
  }
}
