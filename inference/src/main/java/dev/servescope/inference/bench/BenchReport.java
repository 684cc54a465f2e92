package dev.servescope.inference.bench;

/**
 * What a benchmark measured.
 *
 * @param model variant id
 * @param threads ONNX Runtime intra-op threads
 * @param config the benchmark's settings
 * @param tokenize tokenizer time per prediction
 * @param inference encoder time per prediction (tensors in, hidden state out)
 * @param total end-to-end time per prediction
 * @param bareRun bare {@code session.run} on prepared tensors, the floor under every prediction
 * @param throughputPerSecond predictions per second with {@code config.concurrency()} callers
 * @param totalHistogram end-to-end latency in equal-width bins from the fastest sample to the 99.9th percentile
 *     (slower samples count in the last bin)
 */
public record BenchReport(
    String model,
    int threads,
    BenchConfig config,
    LatencySummary tokenize,
    LatencySummary inference,
    LatencySummary total,
    LatencySummary bareRun,
    double throughputPerSecond,
    java.util.List<Bin> totalHistogram) {

  /**
   * One histogram bin.
   *
   * @param fromMs lower bound
   * @param toMs upper bound
   * @param count samples in it
   */
  public record Bin(double fromMs, double toMs, long count) {}

  /**
   * End-to-end median over bare run plus tokenization, minus one: the cost of everything around ONNX Runtime.
   */
  public double overheadAtP50() {
    return total.p50() / (bareRun.p50() + tokenize.p50()) - 1;
  }
}
