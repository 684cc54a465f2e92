package dev.servescope.inference.classify;

/**
 * How to run the encoder.
 *
 * @param intraOpThreads ONNX Runtime's intra-op threads. ONNX Runtime sizes its pool to the host's cores, not to a
 *     container's CPU quota, so ServeScope always sets it explicitly.
 * @param optimization graph optimisation level
 */
public record ClassifierOptions(int intraOpThreads, Optimization optimization) {

  /** ONNX Runtime graph optimisation levels. */
  public enum Optimization {
    NONE,
    BASIC,
    EXTENDED,
    ALL
  }

  public ClassifierOptions {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + intraOpThreads);
    }
  }

  /** One thread per available processor (as the JVM sees them, which honours container quotas), all optimisations. */
  public static ClassifierOptions defaults() {
    return new ClassifierOptions(Runtime.getRuntime().availableProcessors(), Optimization.ALL);
  }

  public ClassifierOptions withThreads(int threads) {
    return new ClassifierOptions(threads, optimization);
  }
}
