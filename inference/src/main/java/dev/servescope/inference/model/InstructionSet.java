package dev.servescope.inference.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The instruction sets ONNX Runtime's CPU kernels choose between, best first. Kernels for different instruction sets
 * add up in different orders, so the same model can answer a borderline sentence differently on two CPUs: int8 models
 * most of all (seen here: bge-small int8 moved by one sentence of SST-2 dev's 872 between an AMD EPYC with AVX-512 VNNI
 * and another machine of the same kind).
 */
public enum InstructionSet {
  AMX("AMX", "amx_int8"),
  AVX512_VNNI("AVX-512 VNNI", "avx512_vnni"),
  AVX_VNNI("AVX-VNNI", "avx_vnni"),
  AVX512("AVX-512", "avx512bw"),
  AVX2("AVX2", "avx2"),
  /** None of the above: ONNX Runtime's portable kernels. */
  BASELINE("SSE4", null);

  private final String label;
  private final String flag;

  InstructionSet(String label, String flag) {
    this.label = label;
    this.flag = flag;
  }

  /** As people write it: {@code AVX-512 VNNI}. */
  public String label() {
    return label;
  }

  /** The best of these a CPU with the given {@code /proc/cpuinfo} flags has. */
  public static InstructionSet of(Collection<String> cpuFlags) {
    Set<String> flags = Set.copyOf(cpuFlags.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList());
    for (InstructionSet s : values()) {
      if (s.flag == null || flags.contains(s.flag)) {
        return s;
      }
    }
    return BASELINE;
  }

  /** The best of a {@code /proc/cpuinfo} text's first processor; empty when the text has no flags line. */
  public static Optional<InstructionSet> ofCpuInfo(String cpuinfo) {
    return cpuinfo.lines().filter(l -> l.startsWith("flags")).findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .map(flags -> of(Set.of(flags.split("\\s+"))));
  }

  /** This machine's; empty where {@code /proc/cpuinfo} cannot be read (not Linux, or a sandbox hiding it). */
  public static Optional<InstructionSet> host() {
    try {
      return ofCpuInfo(Files.readString(Path.of("/proc/cpuinfo")));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}
