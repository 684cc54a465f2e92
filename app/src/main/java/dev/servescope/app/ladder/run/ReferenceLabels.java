package dev.servescope.app.ladder.run;

import java.util.List;

/**
 * What a built-in model says of each sample sentence, computed apart from the engine: the labels a built-in
 * reference rung's served answers are compared with. The wiring opens the model; the runner only asks.
 */
public interface ReferenceLabels {

  /**
   * @return one lower-case label per sentence, in their order
   */
  List<String> of(String modelId, List<String> sentences);
}
