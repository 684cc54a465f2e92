package dev.servescope.app.ladder;

/**
 * A rung cannot be built on this machine because something it needs is not here (a JDK its base image is made from,
 * say): the rung is skipped, with the message saying what to install, and the run goes on without failing.
 */
public final class PrerequisiteMissingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PrerequisiteMissingException(String message) {
    super(message);
  }
}
