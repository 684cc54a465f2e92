package dev.servescope.app.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.servescope.app.ladder.DockerUnavailableException;


/** Connects to the engine for an integration test, or skips the test with the reason. */
final class DockerAvailable {
  private DockerAvailable() {}

  static DockerEngine engineOrSkip() {
    try {
      return DockerEngine.connect();
    } catch (DockerUnavailableException e) {
      assumeTrue(false, "skipped: " + e.getMessage());
      throw e;
    }
  }
}
