package dev.servescope.inference.train;

/**
 * Binary classification scores.
 *
 * @param examples how many were scored
 * @param accuracy share predicted right
 * @param macroF1 mean of the F1 of each class
 */
public record Metrics(int examples, double accuracy, double macroF1) {

  /** Scores predictions against gold labels (both 0/1). */
  public static Metrics of(int[] gold, int[] predicted) {
    if (gold.length != predicted.length || gold.length == 0) {
      throw new IllegalArgumentException("need equally many, and some, gold and predicted labels");
    }
    int[][] confusion = new int[2][2];
    for (int i = 0; i < gold.length; i++) {
      confusion[gold[i]][predicted[i]]++;
    }
    int correct = confusion[0][0] + confusion[1][1];
    return new Metrics(gold.length, (double) correct / gold.length, (f1(confusion, 0) + f1(confusion, 1)) / 2);
  }

  private static double f1(int[][] c, int k) {
    int tp = c[k][k];
    int fp = c[1 - k][k];
    int fn = c[k][1 - k];
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }
}
