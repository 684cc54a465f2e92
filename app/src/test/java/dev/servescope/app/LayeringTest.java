package dev.servescope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: docker/ and store/ know nothing of the GUI, and only the CLI prints. */
class LayeringTest {
  private static final Path MAIN = Path.of("src/main/java/dev/servescope/app");

  private static List<Path> sources(String pkg) throws IOException {
    try (Stream<Path> s = Files.walk(MAIN.resolve(pkg))) {
      return s.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  @Test
  void dockerAndStoreImportNoJavaFx() throws IOException {
    for (String pkg : List.of("docker", "store")) {
      for (Path f : sources(pkg)) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain("import javafx").doesNotContain(".ui.");
      }
    }
  }

  @Test
  void nothingButTheCliWritesToTheConsole() throws IOException {
    for (String pkg : List.of("docker", "store", "ui")) {
      for (Path f : sources(pkg)) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain("System.out").doesNotContain("System.err")
            .doesNotContain("printStackTrace");
      }
    }
  }
}
