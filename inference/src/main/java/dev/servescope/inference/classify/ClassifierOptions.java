package dev.servescope.inference.classify;

/**
 * How to run the encoder.
 *
 * @param intraOpThreads ONNX Runtime's intra-op threads. ONNX Runtime sizes its pool to the host's cores, not to a
 *     container's CPU quota, so ServeScope always sets it explicitly.
 * @param optimization graph optimisation level
 * @param tokenizer the Java tokenizer where the model's file allows it, or always the native one
 */
public record ClassifierOptions(int intraOpThreads, Optimization optimization, TextTokenizer.Kind tokenizer) {

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

  /** The Java tokenizer where the model's file allows it. */
  public ClassifierOptions(int intraOpThreads, Optimization optimization) {
    this(intraOpThreads, optimization, TextTokenizer.Kind.AUTO);
  }

  /** One thread per available processor (as the JVM sees them, which honours container quotas), all optimisations. */
  public static ClassifierOptions defaults() {
    return new ClassifierOptions(Runtime.getRuntime().availableProcessors(), Optimization.ALL);
  }

  public ClassifierOptions withThreads(int threads) {
    return new ClassifierOptions(threads, optimization, tokenizer);
  }

  public ClassifierOptions withTokenizer(TextTokenizer.Kind kind) {
    return new ClassifierOptions(intraOpThreads, optimization, kind);
  }
}
