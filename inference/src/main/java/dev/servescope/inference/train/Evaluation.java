package dev.servescope.inference.train;

import dev.servescope.inference.classify.Classifier;
import java.util.List;

/** Scores a classifier on labelled examples, one unbatched prediction each, exactly as it is served. */
public final class Evaluation {
  private Evaluation() {}

  /** Label 1 is "positive", 0 is "negative". */
  public static Metrics evaluate(Classifier classifier, List<LabeledText> examples) {
    int[] gold = new int[examples.size()];
    int[] predicted = new int[examples.size()];
    for (int i = 0; i < examples.size(); i++) {
      gold[i] = examples.get(i).label();
      predicted[i] = "positive".equals(classifier.predict(examples.get(i).text()).label()) ? 1 : 0;
    }
    return Metrics.of(gold, predicted);
  }
}
