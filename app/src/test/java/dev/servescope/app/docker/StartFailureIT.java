package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.app.ladder.BuildRequest;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container the engine creates but cannot start is removed before the error comes back. */
class StartFailureIT {
  private static final String TAG = "servescope-test/cannot-start:latest";

  @Test
  void aContainerThatCannotStartIsRemoved(@TempDir Path ctx) throws Exception {
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCMD [\"/no/such/server\"]\n");
    try (DockerEngine engine = DockerAvailable.engineOrSkip()) {
      engine.build(new BuildRequest(ctx, TAG, Map.of(), Map.of(Labels.MANAGED, Labels.LADDER)), line -> { },
          new Cancellation());
      try {
        List<String> before = engine.managedContainers();
        assertThatThrownBy(() -> engine.startContainer(new ContainerSpec(TAG, List.of(), 8080,
            Map.of(Labels.MANAGED, Labels.LADDER)))).hasMessageContaining("start a container of " + TAG);
        assertThat(engine.managedContainers()).as("nothing created and left behind").isEqualTo(before);
      } finally {
        engine.removeImage(TAG);
      }
    }
  }
}
