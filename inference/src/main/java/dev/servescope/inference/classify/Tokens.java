package dev.servescope.inference.classify;

/**
 * A tokenized text, ready for the encoder.
 *
 * @param ids token ids, special tokens included
 * @param attentionMask 1 per real token
 * @param typeIds segment ids (all 0 for one sentence)
 * @param truncated whether the text was cut to the model's limit
 */
public record Tokens(long[] ids, long[] attentionMask, long[] typeIds, boolean truncated) {

  public Tokens {
    if (ids.length != attentionMask.length || ids.length != typeIds.length) {
      throw new IllegalArgumentException("ids, mask and type ids differ in length");
    }
  }

  public int length() {
    return ids.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tokens t && java.util.Arrays.equals(ids, t.ids)
        && java.util.Arrays.equals(attentionMask, t.attentionMask) && java.util.Arrays.equals(typeIds, t.typeIds)
        && truncated == t.truncated;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(java.util.Arrays.hashCode(ids), truncated);
  }

  @Override
  public String toString() {
    return "Tokens[" + ids.length + (truncated ? ", truncated]" : "]");
  }
}
