package dev.servescope.app.ladder.file;

/** A ladder file that cannot be used; the message starts with {@code file:line:column:}. */
public final class LadderFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LadderFileException(String message) {
    super(message);
  }
}
