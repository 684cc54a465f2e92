package dev.servescope.app.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.result.RunHistory;
import dev.servescope.app.ladder.run.LadderRunner;
import dev.servescope.app.wiring.Services;
import dev.servescope.inference.model.ModelCatalog;
import java.nio.file.Path;
import java.util.List;

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

  /**
   * Podman's Docker-compatible socket ({@code SERVESCOPE_PODMAN_HOST}, else {@value #PODMAN_SOCKET}, where
   * {@code .ci/run} starts it), or a skip saying how to start one.
   */
  static DockerEngine podmanOrSkip() {
    String host = System.getenv().getOrDefault("SERVESCOPE_PODMAN_HOST", PODMAN_SOCKET);
    try {
      DockerEngine engine = DockerEngine.connect(host);
      if (!engine.info().isPodman()) {
        engine.close();
        assumeTrue(false, "skipped: " + host + " is not Podman but " + engine.info().name());
      }
      return engine;
    } catch (DockerUnavailableException e) {
      assumeTrue(false, "skipped: no Podman at " + host + " (start one: podman system service --time=0 " + host
          + "): " + e.getMessage());
      throw e;
    }
  }

  static final String PODMAN_SOCKET = "unix:///run/podman/podman.sock";
  /** Where {@code .ci/run} starts a second Docker engine, reached over TCP as a remote one is. */
  static final String REMOTE_ENGINE = "tcp://127.0.0.1:23750";

  /** The second engine over TCP ({@code SERVESCOPE_REMOTE_HOST}, else {@value #REMOTE_ENGINE}), or a skip. */
  static DockerEngine remoteOrSkip() {
    String host = System.getenv().getOrDefault("SERVESCOPE_REMOTE_HOST", REMOTE_ENGINE);
    try {
      return DockerEngine.connect(host);
    } catch (DockerUnavailableException e) {
      assumeTrue(false, "skipped: no engine at " + host + " (.ci/run starts a second dockerd there): "
          + e.getMessage());
      throw e;
    }
  }

  /** A runner on an open engine and history, made by the same wiring the app and the command line use. */
  static LadderRunner runner(ContainerEngine engine, RunHistory history, ProjectLayout layout, List<String> samples) {
    return new Services(ModelCatalog.withDefaultCache(), () -> layout, () -> engine, Path.of("unused-history.db"),
        samples, null).ladderRunner(engine, history);
  }

  /** The checkout this test runs in. */
  static ProjectLayout checkout() {
    return new ProjectLayout(Path.of("..").toAbsolutePath().normalize());
  }
}
