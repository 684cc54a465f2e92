package dev.servescope.inference.train;

/**
 * L2-regularised binary logistic regression fitted by Newton's method (iteratively reweighted least squares). Exact
 * and deterministic: the same data and lambda give the same weights. Suited to a few hundred features.
 */
public final class LogisticRegression {
  private static final int MAX_ITERATIONS = 50;
  private static final double TOLERANCE = 1e-8;

  private LogisticRegression() {}

  /**
   * Fitted weights.
   *
   * @param weights one per feature
   * @param bias the intercept (not regularised)
   * @param iterations Newton steps taken
   */
  public record Fit(double[] weights, double bias, int iterations) {

    /** {@code P(y = 1 | x)}. */
    public double probability(double[] x) {
      return sigmoid(dot(weights, x) + bias);
    }
  }

  /**
   * Minimises {@code mean(logloss) + lambda/2 * |w|^2}.
   *
   * @param x rows of features (ideally standardised)
   * @param y labels, 0 or 1
   * @param lambda L2 strength, at least 0
   * @param start weights to start from (warm start), or null
   */
  public static Fit fit(double[][] x, int[] y, double lambda, Fit start) {
    int n = x.length;
    int d = x[0].length;
    int p = d + 1; // the last coordinate is the bias
    double[] theta = new double[p];
    if (start != null) {
      System.arraycopy(start.weights(), 0, theta, 0, d);
      theta[d] = start.bias();
    }
    int iter = 0;
    while (iter < MAX_ITERATIONS) {
      iter++;
      double[] grad = new double[p];
      double[][] hess = new double[p][p];
      for (int i = 0; i < n; i++) {
        double[] xi = x[i];
        double mu = sigmoid(dot(theta, xi, d) + theta[d]);
        double r = mu - y[i];
        double w = Math.max(mu * (1 - mu), 1e-12);
        for (int a = 0; a < d; a++) {
          double wa = w * xi[a];
          grad[a] += r * xi[a];
          double[] row = hess[a];
          for (int b = 0; b <= a; b++) {
            row[b] += wa * xi[b];
          }
          hess[d][a] += wa;
        }
        grad[d] += r;
        hess[d][d] += w;
      }
      for (int a = 0; a < p; a++) {
        grad[a] /= n;
        for (int b = 0; b <= a; b++) {
          hess[a][b] /= n;
        }
      }
      for (int a = 0; a < d; a++) {
        grad[a] += lambda * theta[a];
        hess[a][a] += lambda;
      }
      hess[d][d] += 1e-9; // keeps the bias row positive definite on separable data
      double[] step = Cholesky.solveLowerStored(hess, grad);
      double change = 0;
      for (int a = 0; a < p; a++) {
        theta[a] -= step[a];
        change = Math.max(change, Math.abs(step[a]));
      }
      if (change < TOLERANCE) {
        break;
      }
    }
    double[] w = new double[d];
    System.arraycopy(theta, 0, w, 0, d);
    return new Fit(w, theta[d], iter);
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  static double dot(double[] a, double[] b) {
    return dot(a, b, a.length);
  }

  private static double dot(double[] a, double[] b, int len) {
    double s = 0;
    for (int i = 0; i < len; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Cholesky solve of a symmetric positive definite system given by its lower triangle. */
  static final class Cholesky {
    private Cholesky() {}

    static double[] solveLowerStored(double[][] a, double[] rhs) {
      int n = rhs.length;
      double[][] l = new double[n][];
      for (int i = 0; i < n; i++) {
        l[i] = new double[i + 1];
        for (int j = 0; j <= i; j++) {
          double s = a[i][j];
          for (int k = 0; k < j; k++) {
            s -= l[i][k] * l[j][k];
          }
          if (i == j) {
            if (s <= 0) {
              throw new ArithmeticException("matrix is not positive definite at row " + i);
            }
            l[i][i] = Math.sqrt(s);
          } else {
            l[i][j] = s / l[j][j];
          }
        }
      }
      double[] z = new double[n];
      for (int i = 0; i < n; i++) {
        double s = rhs[i];
        for (int k = 0; k < i; k++) {
          s -= l[i][k] * z[k];
        }
        z[i] = s / l[i][i];
      }
      double[] out = new double[n];
      for (int i = n - 1; i >= 0; i--) {
        double s = z[i];
        for (int k = i + 1; k < n; k++) {
          s -= l[k][i] * out[k];
        }
        out[i] = s / l[i][i];
      }
      return out;
    }
  }
}
