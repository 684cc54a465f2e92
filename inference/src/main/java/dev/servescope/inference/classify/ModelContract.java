package dev.servescope.inference.classify;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.servescope.inference.ModelLoadException;
import dev.servescope.inference.model.ModelFiles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a model takes and gives, checked when it is loaded: inputs {@code input_ids} and {@code attention_mask} (and
 * optionally {@code token_type_ids}), nothing else it would need fed, and an output of token vectors
 * {@code [batch, seq, hidden]}.
 *
 * @param feedsTokenTypes whether it has a {@code token_type_ids} input
 * @param outputName the output read: {@code last_hidden_state} where there is one, else the first
 * @param maxTokens the most tokens one input holds
 */
record ModelContract(boolean feedsTokenTypes, String outputName, int hiddenSize, int maxTokens) {
  private static final String HIDDEN_STATE = "last_hidden_state";

  /**
   * @throws ModelLoadException naming the file when an input is missing or unknown, or the output has the wrong shape
   */
  static ModelContract check(OrtSession session, ModelFiles files, int maxTokens) throws OrtException {
    Set<String> inputs = session.getInputNames();
    if (!inputs.contains(Encoder.INPUT_IDS) || !inputs.contains(Encoder.ATTENTION_MASK)) {
      throw new ModelLoadException("ONNX model " + files.onnx() + " has inputs " + inputs + "; expected "
          + Encoder.INPUT_IDS + " and " + Encoder.ATTENTION_MASK);
    }
    Set<String> unknown = new TreeSet<>(inputs);
    unknown.removeAll(List.of(Encoder.INPUT_IDS, Encoder.ATTENTION_MASK, Encoder.TOKEN_TYPE_IDS));
    if (!unknown.isEmpty()) {
      throw new ModelLoadException("ONNX model " + files.onnx() + " needs inputs ServeScope cannot feed: " + unknown);
    }
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    String outputName = outputs.containsKey(HIDDEN_STATE) ? HIDDEN_STATE : outputs.keySet().iterator().next();
    return new ModelContract(inputs.contains(Encoder.TOKEN_TYPE_IDS), outputName,
        hiddenSizeOf(outputs.get(outputName), files), maxTokens);
  }

  private static int hiddenSizeOf(NodeInfo info, ModelFiles files) {
    if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.getShape().length != 3) {
      throw new ModelLoadException("ONNX model " + files.onnx() + " output " + info.getName() + " is " + info.getInfo()
          + "; expected token vectors [batch, sequence, hidden]");
    }
    long hidden = tensor.getShape()[2];
    if (hidden <= 0) {
      throw new ModelLoadException("ONNX model " + files.onnx() + " has no fixed hidden size in " + info.getInfo());
    }
    return (int) hidden;
  }
}
