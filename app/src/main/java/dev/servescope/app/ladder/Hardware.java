package dev.servescope.app.ladder;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a run ran on, recorded with it so that runs from different machines are not compared as if they were alike.
 *
 * @param cpuModel the CPU's model name; null when the engine is remote and its CPU cannot be read
 * @param cpus CPUs the engine may use
 * @param cpuFlags the instruction-set flags that decide int8 speed ({@link #INT8_FLAGS}) the CPU has
 * @param memoryBytes memory the engine may use
 * @param engineVersion the engine's version
 * @param kernel the engine host's kernel
 * @param os the engine host's operating system
 * @param architecture e.g. x86_64
 * @param engineKind {@link EngineInfo#DOCKER} or {@link EngineInfo#PODMAN}; null for runs recorded before
 *     ServeScope told them apart
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hardware(
    @JsonProperty("cpu_model") String cpuModel,
    int cpus,
    @JsonProperty("cpu_flags") List<String> cpuFlags,
    @JsonProperty("memory_bytes") long memoryBytes,
    @JsonProperty("engine_version") String engineVersion,
    String kernel,
    String os,
    String architecture,
    @JsonProperty("engine_kind") String engineKind) {

  /** AVX2 and AVX-512 run ONNX Runtime's int8 kernels; VNNI and AMX do int8 dot products in one instruction. */
  public static final List<String> INT8_FLAGS = List.of("avx2", "avx512f", "avx512bw", "avx512_vnni", "avx_vnni",
      "amx_tile", "amx_int8");

  public Hardware {
    cpuFlags = cpuFlags == null ? List.of() : List.copyOf(cpuFlags);
  }

  /** The model name and int8 flags in a {@code /proc/cpuinfo} text (its first processor). */
  public static CpuInfo parseCpuInfo(String cpuinfo) {
    String model = null;
    Set<String> flags = Set.of();
    for (String line : cpuinfo.lines().toList()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (model == null && key.equals("model name")) {
        model = value;
      } else if (flags.isEmpty() && key.equals("flags")) {
        flags = Set.of(value.toLowerCase(Locale.ROOT).split("\\s+"));
      }
    }
    List<String> int8 = new ArrayList<>();
    for (String f : INT8_FLAGS) {
      if (flags.contains(f)) {
        int8.add(f);
      }
    }
    return new CpuInfo(model, int8);
  }

  /**
   * A CPU as {@code /proc/cpuinfo} names it.
   *
   * @param model the model name, null when the file has none
   * @param int8Flags the {@link #INT8_FLAGS} it has
   */
  public record CpuInfo(String model, List<String> int8Flags) {}

  /** How this differs from {@code other}, one phrase per difference ("cpus 2 vs 4"); empty when alike. */
  public List<String> differencesFrom(Hardware other) {
    List<String> out = new ArrayList<>();
    differ(out, "CPU", cpuModel, other.cpuModel);
    differ(out, "cpus", cpus, other.cpus);
    differ(out, "int8 flags", String.join(" ", cpuFlags), String.join(" ", other.cpuFlags));
    // Engines report memory a few MB apart across restarts: a tenth is a different machine.
    if (Math.abs(memoryBytes - other.memoryBytes) > 0.1 * Math.max(memoryBytes, other.memoryBytes)) {
      out.add(String.format(Locale.ROOT, "memory %.1f vs %.1f GB", memoryBytes / 1e9, other.memoryBytes / 1e9));
    }
    differ(out, "engine", engineName(), other.engineName());
    differ(out, "kernel", kernel, other.kernel);
    differ(out, "architecture", machine(architecture), machine(other.architecture));
    return out;
  }

  /** One name per machine type: Podman says amd64 and arm64 where Docker says x86_64 and aarch64. */
  static String machine(String architecture) {
    if (architecture == null) {
      return null;
    }
    return switch (architecture) {
      case "amd64" -> "x86_64";
      case "arm64" -> "aarch64";
      default -> architecture;
    };
  }

  private static void differ(List<String> out, String what, Object mine, Object theirs) {
    if (mine != null && theirs != null && !Objects.equals(mine, theirs)) {
      out.add(what + " " + mine + " vs " + theirs);
    }
  }

  /** One line for people: "2 CPUs (AMD EPYC; avx2), 24.0 GB, Docker 20.10.24, kernel 6.1". */
  public String summary() {
    String cpu = cpuModel == null ? "" : " (" + cpuModel + (cpuFlags.isEmpty() ? "" : "; "
        + String.join(", ", cpuFlags)) + ")";
    return String.format(Locale.ROOT, "%d CPUs%s, %.1f GB, engine %s, kernel %s", cpus, cpu, memoryBytes / 1e9,
        engineName(), kernel);
  }

  /** "Podman 4.3.1", "Docker 20.10.24", or the version alone when the kind is not known. */
  public String engineName() {
    return engineKind == null ? engineVersion : new EngineInfo(engineVersion, null, null, engineKind).name();
  }
}
