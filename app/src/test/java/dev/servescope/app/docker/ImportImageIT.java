package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.app.ladder.Labels;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker import} of a root file system tar, the step that makes the local Debian base on a fresh machine. */
class ImportImageIT {
  private static final String REPO = "servescope-test/imported";

  @Test
  void importsATarStreamAsALabelledImage(@TempDir Path dir) throws Exception {
    Path rootfs = Files.createDirectories(dir.resolve("rootfs/etc"));
    Files.writeString(rootfs.resolve("hello.txt"), "hello from a tar\n".repeat(1000));
    Process tar = new ProcessBuilder("tar", "-C", dir.resolve("rootfs").toString(), "-c", ".").start();
    try (DockerEngine engine = DockerAvailable.engineOrSkip(); InputStream in = tar.getInputStream()) {
      engine.removeImage(REPO + ":1");
      engine.importImage(in, REPO, "1", Map.of(Labels.MANAGED, Labels.BASE));
      assertThat(tar.waitFor()).isZero();
      try {
        assertThat(engine.imageExists(REPO + ":1")).isTrue();
        assertThat(engine.imageSize(REPO + ":1")).isGreaterThanOrEqualTo(17_000L);
        assertThat(engine.imageLabels(REPO + ":1")).containsEntry(Labels.MANAGED, Labels.BASE);
      } finally {
        engine.removeImage(REPO + ":1");
      }
    }
  }

  @Test
  void aStreamThatIsNotATarFailsWithTheEnginesMessage() {
    try (DockerEngine engine = DockerAvailable.engineOrSkip()) {
      assertThatThrownBy(() -> engine.importImage(new ByteArrayInputStream("not a tar".getBytes(
          StandardCharsets.UTF_8)), REPO, "broken", Map.of()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("import " + REPO + ":broken failed");
      assertThat(engine.imageExists(REPO + ":broken")).isFalse();
    }
  }
}
