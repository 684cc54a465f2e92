package dev.servescope.inference.bench;

/**
 * How to benchmark.
 *
 * @param warmup untimed predictions first, so the JIT and ONNX Runtime's arenas settle
 * @param iterations timed predictions per phase
 * @param concurrency callers in the throughput phase
 */
public record BenchConfig(int warmup, int iterations, int concurrency) {

  public BenchConfig {
    if (warmup < 0 || iterations < 1 || concurrency < 1) {
      throw new IllegalArgumentException("warm-up must be >= 0, iterations and concurrency >= 1");
    }
  }
}
