package dev.servescope.app.ladder;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The CPU and memory every rung's container gets, the same for all so that their figures compare.
 *
 * @param cpus CPUs (fractions allowed), as {@code docker run --cpus}
 * @param memoryBytes memory, swap included, as {@code docker run --memory --memory-swap}
 */
public record Limits(double cpus, @JsonProperty("memory_bytes") long memoryBytes) {
  /** The memory a rung gets unless the ladder file or the command line says otherwise. */
  public static final long DEFAULT_MEMORY_BYTES = 2048L << 20;
  /** The CPUs a rung gets at most unless told otherwise; fewer when the engine has fewer. */
  public static final double DEFAULT_CPUS = 2;

  public Limits {
    if (!(cpus > 0) || memoryBytes < (64L << 20)) {
      throw new IllegalArgumentException("a rung needs more than 0 CPUs and at least 64 MB of memory, found "
          + cpus + " CPUs and " + (memoryBytes >> 20) + " MB");
    }
  }

  /** The defaults on an engine with {@code engineCpus} CPUs (0 when unknown). */
  public static Limits defaults(int engineCpus) {
    return new Limits(engineCpus > 0 ? Math.min(DEFAULT_CPUS, engineCpus) : DEFAULT_CPUS, DEFAULT_MEMORY_BYTES);
  }

  /** {@code 2 CPUs, 2048 MB}. */
  public String summary() {
    String c = cpus == Math.rint(cpus) ? String.valueOf((long) cpus) : String.valueOf(cpus);
    return c + (cpus == 1 ? " CPU, " : " CPUs, ") + (memoryBytes >> 20) + " MB";
  }
}
