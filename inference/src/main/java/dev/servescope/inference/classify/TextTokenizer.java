package dev.servescope.inference.classify;

import dev.servescope.inference.ModelLoadException;
import dev.servescope.inference.model.ModelFiles;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * One model's text-to-ids step. BERT-style tokenizer files get {@link WordPiece}, in Java; any other goes to
 * HuggingFace's native library through DJL ({@link NativeTokenizer}), whose classes then load, and only then.
 */
public interface TextTokenizer extends AutoCloseable {

  /** Which implementation to use. */
  enum Kind {
    /** Java where the file allows it, else native. */
    AUTO,
    /** HuggingFace's native library, always: the reference the Java one is tested against. */
    NATIVE
  }

  /** The ids of one text (special tokens included), cut to the model's limit. */
  Tokens encode(String text);

  /** {@code java} or {@code native}. */
  String kind();

  @Override
  void close();

  /** The tokenizer for a model's files. */
  static TextTokenizer open(ModelFiles files, int maxTokens, Kind kind) {
    if (kind == Kind.AUTO) {
      Optional<WordPiece> java;
      try {
        java = WordPiece.load(files.tokenizer(), maxTokens);
      } catch (IOException | RuntimeException e) {
        throw new ModelLoadException("tokenizer cannot be loaded: " + files.tokenizer() + ": " + e.getMessage(), e);
      }
      if (java.isPresent()) {
        WordPiece w = java.get();
        return new TextTokenizer() {
          @Override
          public Tokens encode(String text) {
            WordPiece.Encoding e = w.encode(text);
            long[] ones = new long[e.ids().length];
            Arrays.fill(ones, 1);
            return new Tokens(e.ids(), ones, new long[e.ids().length], e.truncated());
          }

          @Override
          public String kind() {
            return "java";
          }

          @Override
          public void close() {
            // Nothing native to release.
          }
        };
      }
    }
    return NativeTokenizer.open(files, maxTokens);
  }
}
