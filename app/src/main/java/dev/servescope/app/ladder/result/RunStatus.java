package dev.servescope.app.ladder.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a ladder run stands. Written in lower case in reports and in the history. */
public enum RunStatus {
  /** In progress (or its process died and nobody has looked since). */
  RUNNING,
  /** Every version was measured. */
  COMPLETE,
  /** At least one version failed, or the engine went away; what was measured is kept. */
  FAILED,
  /** Stopped on request; containers removed. */
  CANCELLED,
  /** Its process stopped before the run finished (killed, crashed). */
  INTERRUPTED;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status written as {@link #id()}. */
  @JsonCreator
  public static RunStatus of(String id) {
    try {
      return valueOf(id.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown run status '" + id + "'", e);
    }
  }

  @Override
  public String toString() {
    return id();
  }
}
