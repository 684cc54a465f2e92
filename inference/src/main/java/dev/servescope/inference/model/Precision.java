package dev.servescope.inference.model;

/** Numeric precision of a model's weights. */
public enum Precision {
  FP32,
  INT8,
  /** A user model whose precision ServeScope does not know. */
  UNKNOWN;

  /** Lower-case name as used in ids and reports ({@code fp32}, {@code int8}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
