package dev.servescope.app.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadSetupTest {

  @Test
  void theServiceAndTheSidecarGetCpusOfTheirOwnWhereThereAreEnough() {
    assertThat(LoadSetup.cpusets(2, 1)).containsExactly("0", "1");
    assertThat(LoadSetup.cpusets(8, 2)).containsExactly("0-1", "7");
    assertThat(LoadSetup.cpusets(4, 1.5)).containsExactly("0-1", "3");
    // No CPU left for the sidecar, or a single CPU: they share.
    assertThat(LoadSetup.cpusets(2, 2)).isNull();
    assertThat(LoadSetup.cpusets(1, 1)).isNull();
    assertThat(LoadSetup.cpusets(0, 2)).isNull();
  }

  @Test
  void theSummarySaysWhereTheLoadRan() {
    assertThat(new LoadSetup(LoadSetup.SIDECAR, "servescope-load:latest", "1", "0").summary())
        .isEqualTo("load in a sidecar on CPU 1, service on CPU 0");
    assertThat(new LoadSetup(LoadSetup.HOST, null, null, null).summary())
        .isEqualTo("load on the host, through the published port");
  }
}
