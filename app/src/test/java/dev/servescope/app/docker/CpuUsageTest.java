package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A container's CPU time from the stats API's JSON and from cgroup v1 and v2 files. */
class CpuUsageTest {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static Statistics stats(String json) throws Exception {
    return JSON.readValue(json, Statistics.class);
  }

  @Test
  void dockerStatsGiveTheCumulativeTotalAndWhenTheyWereRead() throws Exception {
    // Docker 20.10 on cgroup v2, trimmed: cpu_stats and precpu_stats both present.
    Statistics s = stats("""
        {"read":"2026-12-04T14:40:01.123456789Z","preread":"2026-12-04T14:40:00.120000000Z",
         "cpu_stats":{"cpu_usage":{"total_usage":8123456789,"usage_in_kernelmode":120000000,
           "usage_in_usermode":8000000000},"system_cpu_usage":1234567890000000,"online_cpus":2},
         "precpu_stats":{"cpu_usage":{"total_usage":8003456789},"system_cpu_usage":1234565890000000},
         "memory_stats":{"usage":123456789}}""");
    assertThat(CpuUsage.fromStats(s)).hasValue(8_123_456_789L);
    assertThat(CpuUsage.readAt(s, Instant.EPOCH)).isEqualTo(Instant.parse("2026-12-04T14:40:01.123456789Z"));
  }

  @Test
  void podmanStatsCarryTheTotalWithoutPrecpu() throws Exception {
    Statistics s = stats("""
        {"read":"2026-12-04T14:40:05.5Z","cpu_stats":{"cpu_usage":{"total_usage":512000000},"online_cpus":1},
         "memory_stats":{"usage":2000000}}""");
    assertThat(CpuUsage.fromStats(s)).hasValue(512_000_000L);
  }

  @Test
  void statsWithoutCpuTimeAreEmptyAndAnUnsetReadTimeFallsBack() throws Exception {
    Statistics s = stats("""
        {"read":"0001-01-01T00:00:00Z","cpu_stats":{"cpu_usage":{"total_usage":0}},"memory_stats":{}}""");
    assertThat(CpuUsage.fromStats(s)).isEmpty();
    assertThat(CpuUsage.readAt(s, Instant.EPOCH)).isEqualTo(Instant.EPOCH);
    assertThat(CpuUsage.fromStats(stats("{\"memory_stats\":{}}"))).isEmpty();
  }

  @Test
  void cgroupV2CpuStatGivesUsageUsecInNanoseconds() {
    String cpuStat = """
        usage_usec 4270133
        user_usec 3844527
        system_usec 425606
        nr_periods 120
        nr_throttled 7
        throttled_usec 90411
        """;
    assertThat(CpuUsage.fromCgroupV2(cpuStat)).hasValue(4_270_133_000L);
    assertThat(CpuUsage.fromCgroupV2("user_usec 12\n")).isEmpty();
    assertThat(CpuUsage.fromCgroupV2("usage_usec many\n")).isEmpty();
  }

  @Test
  void cgroupV1CpuacctUsageIsAlreadyNanoseconds() {
    assertThat(CpuUsage.fromCgroupV1("35823658723\n")).hasValue(35_823_658_723L);
    assertThat(CpuUsage.fromCgroupV1("")).isEmpty();
    assertThat(CpuUsage.fromCgroupV1("-1")).isEmpty();
  }
}
