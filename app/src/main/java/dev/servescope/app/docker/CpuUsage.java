package dev.servescope.app.docker;

import com.github.dockerjava.api.model.Statistics;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * A container's CPU time so far, in nanoseconds, from wherever an engine keeps it: the stats API's
 * {@code cpu_stats.cpu_usage.total_usage} (Docker; Podman gives the cumulative figure only, without {@code precpu}),
 * or the container's cgroup: {@code cpu.stat}'s {@code usage_usec} under cgroup v2, {@code cpuacct.usage} under v1.
 */
final class CpuUsage {
  /** Read inside the container when the stats carry no CPU time: cgroup v2, then v1. */
  static final String CGROUP_V2 = "/sys/fs/cgroup/cpu.stat";
  static final String CGROUP_V1 = "/sys/fs/cgroup/cpuacct/cpuacct.usage";

  private CpuUsage() {}

  /** The stats' cumulative CPU time; empty when they carry none (0 counts as none: no engine reports it so). */
  static OptionalLong fromStats(Statistics s) {
    if (s.getCpuStats() == null || s.getCpuStats().getCpuUsage() == null) {
      return OptionalLong.empty();
    }
    Long total = s.getCpuStats().getCpuUsage().getTotalUsage();
    return total == null || total <= 0 ? OptionalLong.empty() : OptionalLong.of(total);
  }

  /** When the engine read the stats; {@code fallback} when it does not say or says it unreadably. */
  static Instant readAt(Statistics s, Instant fallback) {
    try {
      return s.getRead() == null || s.getRead().startsWith("0001-") ? fallback : Instant.parse(s.getRead());
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }

  /** cgroup v2's {@code cpu.stat}: the {@code usage_usec} line, in nanoseconds. */
  static OptionalLong fromCgroupV2(String cpuStat) {
    for (String line : cpuStat.split("\n")) {
      String[] kv = line.trim().split("\\s+");
      if (kv.length == 2 && kv[0].equals("usage_usec")) {
        return parse(kv[1], 1000);
      }
    }
    return OptionalLong.empty();
  }

  /** cgroup v1's {@code cpuacct.usage}: one number, already nanoseconds. */
  static OptionalLong fromCgroupV1(String usage) {
    return parse(usage.trim(), 1);
  }

  private static OptionalLong parse(String number, long scale) {
    try {
      long v = Long.parseLong(number);
      return v < 0 ? OptionalLong.empty() : OptionalLong.of(Math.multiplyExact(v, scale));
    } catch (NumberFormatException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }
}
