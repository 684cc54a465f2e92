package dev.servescope.inference.classify;

/** Where to cut a long text before tokenizing it, so that the tokenizer never sees far more than the model takes. */
final class TextWindow {
  /**
   * Characters allowed per model token before a text is cut: English runs at about 4 to 5 characters per word piece,
   * so a window of {@code maxTokens * 16} characters holds the model's whole input with room to spare.
   */
  static final int CHARS_PER_TOKEN = 16;

  private TextWindow() {}

  /**
   * The length of the prefix of {@code text} to tokenize: the whole text when it fits {@code budget}, else the last
   * white space in the second half of the budget (so no word is cut and each kept word tokenizes as in the whole
   * text), else {@code budget} itself, never splitting a surrogate pair.
   */
  static int cutPoint(String text, int budget) {
    if (text.length() <= budget) {
      return text.length();
    }
    for (int i = budget; i >= budget / 2; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return Character.isHighSurrogate(text.charAt(budget - 1)) ? budget - 1 : budget;
  }
}
