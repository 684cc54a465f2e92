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
 */
public record BenchReport(
    String model,
    int threads,
    BenchConfig config,
    LatencySummary tokenize,
    LatencySummary inference,
    LatencySummary total,
    LatencySummary bareRun,
    double throughputPerSecond) {

  /**
   * End-to-end median over bare run plus tokenization, minus one: the cost of everything around ONNX Runtime.
   */
  public double overheadAtP50() {
    return total.p50() / (bareRun.p50() + tokenize.p50()) - 1;
  }
}
