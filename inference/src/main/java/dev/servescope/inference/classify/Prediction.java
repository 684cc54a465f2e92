package dev.servescope.inference.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One classified text.
 *
 * @param model id of the variant that made it
 * @param label the most probable label
 * @param score that label's probability
 * @param labels all labels, in the head's order
 * @param probabilities one per label, same order
 * @param truncated whether the text was cut to the model's token limit
 * @param tokens tokens fed to the model, special tokens included
 * @param timings where the time went
 */
public record Prediction(
    String model,
    String label,
    double score,
    List<String> labels,
    double[] probabilities,
    boolean truncated,
    int tokens,
    Timings timings) {

  /** Label to probability, in the head's order. */
  public Map<String, Double> probabilityMap() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      out.put(labels.get(i), probabilities[i]);
    }
    return out;
  }

  /** Probability of one label, 0 if the head has no such label. */
  public double probability(String label) {
    int i = labels.indexOf(label);
    return i < 0 ? 0 : probabilities[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prediction p && model.equals(p.model) && label.equals(p.label) && score == p.score
        && labels.equals(p.labels) && java.util.Arrays.equals(probabilities, p.probabilities)
        && truncated == p.truncated && tokens == p.tokens && timings.equals(p.timings);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(model, label, score, labels, java.util.Arrays.hashCode(probabilities), truncated,
        tokens, timings);
  }

  @Override
  public String toString() {
    return "Prediction[" + model + ": " + label + " " + score + ", tokens=" + tokens + ", truncated=" + truncated
        + "]";
  }
}
