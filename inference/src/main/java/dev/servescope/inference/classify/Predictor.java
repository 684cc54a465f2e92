package dev.servescope.inference.classify;

/** Anything that classifies text: the prediction server depends on this, not on a concrete model. */
public interface Predictor {

  /** Id of the model behind the predictions. */
  String modelId();

  /** The labels it chooses from, in the order of a prediction's probabilities; empty when not known before one. */
  default java.util.List<String> labels() {
    return java.util.List.of();
  }

  /**
   * @throws dev.servescope.inference.InvalidInputException when the text cannot be classified (empty, blank)
   */
  Prediction predict(String text);
}
