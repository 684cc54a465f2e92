package dev.servescope.inference.classify;

/** Numerically stable softmax. */
public final class Softmax {
  private Softmax() {}

  /**
   * @param logits any finite values
   * @return probabilities in the same order, summing to 1
   */
  public static double[] of(double[] logits) {
    if (logits.length == 0) {
      throw new IllegalArgumentException("no logits");
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double[] out = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      out[i] = Math.exp(logits[i] - max); // shifting by the max keeps exp() from overflowing
      sum += out[i];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  /** Index of the largest value (the first one on ties). */
  public static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
