package dev.servescope.inference.model;

/**
 * How token vectors become one sentence vector. Each model family is trained for one of these: MiniLM
 * (sentence-transformers) for the attention-masked mean, bge for the [CLS] token.
 */
public enum Pooling {
  MEAN,
  CLS;

  /**
   * Pools a {@code [seqLen, hidden]} block of token vectors, stored row-major in {@code tokens}.
   *
   * @param tokens the encoder's last hidden state for one sentence, row-major
   * @param seqLen number of tokens
   * @param hidden vector size per token
   * @param attentionMask 1 for real tokens, 0 for padding; length {@code seqLen}
   * @return a new vector of length {@code hidden}
   */
  public float[] pool(float[] tokens, int seqLen, int hidden, long[] attentionMask) {
    if (tokens.length < (long) seqLen * hidden) {
      throw new IllegalArgumentException(
          "token block has " + tokens.length + " values, expected " + seqLen + " x " + hidden);
    }
    if (attentionMask.length != seqLen) {
      throw new IllegalArgumentException("mask length " + attentionMask.length + " != sequence length " + seqLen);
    }
    float[] out = new float[hidden];
    if (this == CLS) {
      System.arraycopy(tokens, 0, out, 0, hidden);
      return out;
    }
    int counted = 0;
    for (int t = 0; t < seqLen; t++) {
      if (attentionMask[t] == 0) {
        continue;
      }
      counted++;
      int base = t * hidden;
      for (int h = 0; h < hidden; h++) {
        out[h] += tokens[base + h];
      }
    }
    if (counted == 0) {
      throw new IllegalArgumentException("attention mask has no tokens");
    }
    for (int h = 0; h < hidden; h++) {
      out[h] /= counted;
    }
    return out;
  }

  /** Scales {@code v} in place to unit L2 norm (a zero vector stays zero) and returns it. */
  public static float[] normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum == 0) {
      return v;
    }
    float inv = (float) (1.0 / Math.sqrt(sum));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }
}
