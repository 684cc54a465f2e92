package dev.servescope.inference.classify;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import dev.servescope.inference.ModelLoadException;
import dev.servescope.inference.model.ModelFiles;
import java.io.IOException;

/** HuggingFace's tokenizers library (Rust, through DJL's JNI binding): any tokenizer.json. */
final class NativeTokenizer implements TextTokenizer {
  private static final boolean ADD_SPECIAL_TOKENS = true;
  private final HuggingFaceTokenizer tokenizer;

  private NativeTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  static NativeTokenizer open(ModelFiles files, int maxTokens) {
    try {
      // The jars' tokenizer.json files ask for fixed padding to 128: one sentence must not be padded.
      return new NativeTokenizer(HuggingFaceTokenizer.builder()
          .optTokenizerPath(files.tokenizer())
          .optAddSpecialTokens(ADD_SPECIAL_TOKENS)
          .optPadding(false)
          .optTruncation(true)
          .optMaxLength(maxTokens)
          .build());
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException("tokenizer cannot be loaded: " + files.tokenizer() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Tokens encode(String text) {
    // DJL's encode() copies seven arrays out of the native encoding (token strings and character spans among them),
    // which doubled the tokenizer's time; a prediction needs three and the overflow count. The native calls are
    // DJL's own, on the tokenizer configured above (truncation on, padding off).
    long encoding = TokenizersLibrary.LIB.encode(tokenizer.getHandle(), text, ADD_SPECIAL_TOKENS);
    try {
      return new Tokens(TokenizersLibrary.LIB.getTokenIds(encoding), TokenizersLibrary.LIB.getAttentionMask(encoding),
          TokenizersLibrary.LIB.getTypeIds(encoding), TokenizersLibrary.LIB.getOverflowCount(encoding) > 0);
    } finally {
      TokenizersLibrary.LIB.deleteEncoding(encoding);
    }
  }

  @Override
  public String kind() {
    return "native";
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
