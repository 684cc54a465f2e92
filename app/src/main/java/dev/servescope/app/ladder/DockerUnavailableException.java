package dev.servescope.app.ladder;

/** The Docker engine cannot be reached, or stopped answering mid-operation. The message says how to fix it. */
public class DockerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DockerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The advice shown whenever no engine answers. */
  public static String howToStart(String host) {
    return "no Docker engine answers at " + host + ". Start one (Debian: apt-get install -y docker.io, then run"
        + " dockerd as root) or point DOCKER_HOST at a running engine. Predict keeps working without it.";
  }
}
