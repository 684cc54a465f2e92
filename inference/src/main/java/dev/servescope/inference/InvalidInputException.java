package dev.servescope.inference;

/** The caller's input cannot be classified (for example, empty text). Safe to show to a user as is. */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }
}
