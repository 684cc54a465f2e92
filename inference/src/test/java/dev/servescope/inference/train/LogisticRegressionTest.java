package dev.servescope.inference.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

  @Test
  void solvesAHandCheckableOneFeatureProblem() {
    // Symmetric data: y=1 at x=+1 three times out of four, y=0 at x=-1 three times out of four. The unregularised
    // optimum has P(y=1 | x=1) = 3/4, so w = ln 3 and b = 0.
    double[][] x = {{1}, {1}, {1}, {1}, {-1}, {-1}, {-1}, {-1}};
    int[] y = {1, 1, 1, 0, 0, 0, 0, 1};
    LogisticRegression.Fit fit = LogisticRegression.fit(x, y, 0, null);
    assertThat(fit.weights()[0]).isCloseTo(Math.log(3), within(1e-6));
    assertThat(fit.bias()).isCloseTo(0, within(1e-6));
  }

  @Test
  void gradientVanishesAtTheRegularisedOptimum() {
    Random rnd = new Random(7);
    int n = 400;
    int d = 5;
    double[][] x = new double[n][d];
    int[] y = new int[n];
    double[] truth = {1.5, -2, 0.5, 0, 3};
    for (int i = 0; i < n; i++) {
      double z = 0.2;
      for (int j = 0; j < d; j++) {
        x[i][j] = rnd.nextGaussian();
        z += truth[j] * x[i][j];
      }
      y[i] = rnd.nextDouble() < LogisticRegression.sigmoid(z) ? 1 : 0;
    }
    double lambda = 0.05;
    LogisticRegression.Fit fit = LogisticRegression.fit(x, y, lambda, null);
    double[] grad = new double[d + 1];
    for (int i = 0; i < n; i++) {
      double r = fit.probability(x[i]) - y[i];
      for (int j = 0; j < d; j++) {
        grad[j] += r * x[i][j] / n;
      }
      grad[d] += r / n;
    }
    for (int j = 0; j < d; j++) {
      assertThat(grad[j] + lambda * fit.weights()[j]).isCloseTo(0, within(1e-9));
    }
    assertThat(grad[d]).isCloseTo(0, within(1e-9));
    assertThat(fit.weights()[4]).isGreaterThan(fit.weights()[2]);
  }

  @Test
  void strongerRegularisationShrinksWeights() {
    double[][] x = {{2}, {1}, {-1}, {-2}, {0.5}};
    int[] y = {1, 1, 0, 0, 0};
    double weak = Math.abs(LogisticRegression.fit(x, y, 0.01, null).weights()[0]);
    double strong = Math.abs(LogisticRegression.fit(x, y, 1, null).weights()[0]);
    assertThat(strong).isLessThan(weak);
  }

  @Test
  void foldingStandardisationKeepsTheScores() {
    float[][] raw = {{10, 1}, {12, 3}, {14, -1}, {9, 0}};
    Standardizer std = Standardizer.fit(raw);
    double[] w = {0.7, -1.3};
    double b = 0.4;
    double[] wf = std.foldWeights(w);
    double bf = std.foldBias(w, b);
    double[][] z = std.apply(raw);
    for (int i = 0; i < raw.length; i++) {
      double standardised = w[0] * z[i][0] + w[1] * z[i][1] + b;
      double folded = wf[0] * raw[i][0] + wf[1] * raw[i][1] + bf;
      assertThat(folded).isCloseTo(standardised, within(1e-9));
    }
  }
}
