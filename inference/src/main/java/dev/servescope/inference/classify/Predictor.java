package dev.servescope.inference.classify;

/** Anything that classifies text: the prediction server depends on this, not on a concrete model. */
public interface Predictor {

  /** Id of the model behind the predictions. */
  String modelId();

  /**
   * @throws dev.servescope.inference.InvalidInputException when the text cannot be classified (empty, blank)
   */
  Prediction predict(String text);
}
