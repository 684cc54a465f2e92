package dev.servescope.app.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareTest {
  private static final String CPUINFO = """
      processor\t: 0
      vendor_id\t: GenuineIntel
      model name\t: Intel(R) Xeon(R) Platinum 8480+
      flags\t\t: fpu vme sse sse2 avx avx2 avx512f avx512bw avx512_vnni amx_tile amx_int8 avx_vnni

      processor\t: 1
      model name\t: something else
      flags\t\t: fpu
      """;

  @Test
  void theFirstProcessorsModelAndItsInt8FlagsAreRead() {
    Hardware.CpuInfo cpu = Hardware.parseCpuInfo(CPUINFO);
    assertThat(cpu.model()).isEqualTo("Intel(R) Xeon(R) Platinum 8480+");
    assertThat(cpu.int8Flags()).containsExactly("avx2", "avx512f", "avx512bw", "avx512_vnni", "avx_vnni", "amx_tile",
        "amx_int8");
    assertThat(Hardware.parseCpuInfo("processor : 0\nflags : fpu sse2\n"))
        .isEqualTo(new Hardware.CpuInfo(null, List.of()));
  }

  @Test
  void differencesAreNamedAndSmallMemoryDriftIsNot() {
    Hardware here = new Hardware("AMD EPYC", 2, List.of("avx2"), 24_000_000_000L, "20.10.24", "6.1", "Debian",
        "x86_64", null);
    Hardware sameAfterRestart = new Hardware("AMD EPYC", 2, List.of("avx2"), 23_900_000_000L, "20.10.24", "6.1",
        "Debian", "x86_64", null);
    Hardware bigger = new Hardware("Intel Xeon", 8, List.of("avx2", "avx512_vnni"), 64_000_000_000L, "27.0", "6.8",
        "Ubuntu", "x86_64", null);
    Hardware remote = new Hardware(null, 2, List.of(), 24_000_000_000L, "20.10.24", "6.1", "Debian", "x86_64", null);
    assertThat(here.differencesFrom(sameAfterRestart)).isEmpty();
    assertThat(here.differencesFrom(bigger)).containsExactly("CPU AMD EPYC vs Intel Xeon", "cpus 2 vs 8",
        "int8 flags avx2 vs avx2 avx512_vnni", "memory 24.0 vs 64.0 GB", "engine 20.10.24 vs 27.0",
        "kernel 6.1 vs 6.8");
    assertThat(here.differencesFrom(remote)).as("an unknown CPU is not a different one").containsExactly(
        "int8 flags avx2 vs ");
    assertThat(here.summary()).isEqualTo("2 CPUs (AMD EPYC; avx2), 24.0 GB, engine 20.10.24, kernel 6.1");
  }

  @Test
  void theEnginesKindIsNamedWhereItIsKnown() {
    Hardware podman = new Hardware("AMD EPYC", 2, List.of(), 24_000_000_000L, "4.3.1", "6.1", "Debian", "x86_64",
        EngineInfo.PODMAN);
    Hardware docker = new Hardware("AMD EPYC", 2, List.of(), 24_000_000_000L, "4.3.1", "6.1", "Debian", "x86_64",
        EngineInfo.DOCKER);
    Hardware podmanSaysAmd64 = new Hardware("AMD EPYC", 2, List.of(), 24_000_000_000L, "4.3.1", "6.1", "Debian",
        "amd64", EngineInfo.PODMAN);
    assertThat(podmanSaysAmd64.differencesFrom(podman)).as("amd64 is x86_64").isEmpty();
    Hardware older = new Hardware("AMD EPYC", 2, List.of(), 24_000_000_000L, "20.10.24", "6.1", "Debian", "x86_64",
        null);
    assertThat(podman.summary()).contains("engine Podman 4.3.1,");
    assertThat(older.summary()).as("recorded before kinds were told apart").contains("engine 20.10.24,");
    assertThat(podman.differencesFrom(docker)).containsExactly("engine Podman 4.3.1 vs Docker 4.3.1");
  }
}
