package dev.servescope.inference.classify;

/**
 * Where one prediction's time went, in nanoseconds.
 *
 * @param tokenizeNanos text to token ids
 * @param inferenceNanos tensors in, encoder run, hidden state out
 * @param headNanos pooling, head and softmax
 * @param totalNanos the whole call, end to end
 */
public record Timings(long tokenizeNanos, long inferenceNanos, long headNanos, long totalNanos) {

  private static final double NANOS_PER_MS = 1_000_000.0;

  public double tokenizeMs() {
    return tokenizeNanos / NANOS_PER_MS;
  }

  public double inferenceMs() {
    return inferenceNanos / NANOS_PER_MS;
  }

  public double headMs() {
    return headNanos / NANOS_PER_MS;
  }

  public double totalMs() {
    return totalNanos / NANOS_PER_MS;
  }
}
