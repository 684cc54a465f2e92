package dev.servescope.inference.train;

/**
 * Per-feature mean and standard deviation, and the folding of a model fitted on standardised features back into
 * weights on raw features: {@code w.((x - m) / s) + b == (w / s).x + (b - sum(w m / s))}.
 *
 * @param mean per feature
 * @param std per feature, never 0
 */
public record Standardizer(double[] mean, double[] std) {

  /** Fits mean and standard deviation over rows. Constant features get std 1. */
  public static Standardizer fit(float[][] rows) {
    int d = rows[0].length;
    double[] mean = new double[d];
    double[] sq = new double[d];
    for (float[] r : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= rows.length;
    }
    for (float[] r : rows) {
      for (int j = 0; j < d; j++) {
        double c = r[j] - mean[j];
        sq[j] += c * c;
      }
    }
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      double s = Math.sqrt(sq[j] / rows.length);
      std[j] = s > 1e-12 ? s : 1;
    }
    return new Standardizer(mean, std);
  }

  public double[][] apply(float[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = new double[rows[i].length];
      for (int j = 0; j < rows[i].length; j++) {
        out[i][j] = (rows[i][j] - mean[j]) / std[j];
      }
    }
    return out;
  }

  /** Weights that act on raw features. */
  public double[] foldWeights(double[] w) {
    double[] out = new double[w.length];
    for (int j = 0; j < w.length; j++) {
      out[j] = w[j] / std[j];
    }
    return out;
  }

  /** Bias that acts on raw features. */
  public double foldBias(double[] w, double b) {
    double out = b;
    for (int j = 0; j < w.length; j++) {
      out -= w[j] * mean[j] / std[j];
    }
    return out;
  }
}
