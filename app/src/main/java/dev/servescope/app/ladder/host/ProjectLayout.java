package dev.servescope.app.ladder.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the ladder's inputs live in a ServeScope checkout: the Dockerfiles, the server's runtime jars and the app's
 * full classpath (for the naive image), all produced by the Maven build.
 *
 * @param root the checkout
 */
public record ProjectLayout(Path root) {

  /**
   * The checkout named by the {@code servescope.home} system property (the launcher sets it), else the first
   * folder at or above the working directory that holds {@code dockerfiles/}.
   */
  public static ProjectLayout locate() {
    String home = System.getProperty("servescope.home");
    if (home != null && !home.isBlank()) {
      return new ProjectLayout(Path.of(home).toAbsolutePath().normalize());
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("dockerfiles")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return new ProjectLayout(p);
      }
    }
    throw new IllegalStateException("cannot find the ServeScope checkout (no dockerfiles/ at or above "
        + Path.of("").toAbsolutePath() + "); run from the checkout or set -Dservescope.home");
  }

  public Path dockerfiles() {
    return root.resolve("dockerfiles");
  }

  /** The built-in ladder file, the default of {@code ladder} and {@code check}. */
  public Path ladderFile() {
    return dockerfiles().resolve("ladder.yaml");
  }

  /** The server's runtime jars, without the model jars (made by {@code mvn package}). */
  public Path serverLib() {
    return root.resolve("inference/target/server-lib");
  }

  /** The app's runtime classpath (made by {@code mvn package}). */
  public Path appLib() {
    return root.resolve("app/target/lib");
  }

  /** The inference module's jar. */
  public Path inferenceJar() throws IOException {
    return moduleJar("inference", "servescope-inference-");
  }

  private Path moduleJar(String module, String prefix) throws IOException {
    Path target = root.resolve(module).resolve("target");
    if (!Files.isDirectory(target)) {
      throw new IOException("no " + target + "; build the project first (./servescope builds it)");
    }
    try (Stream<Path> s = Files.list(target)) {
      return s.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(prefix) + ".*\\.jar"))
          .findFirst().orElseThrow(() -> new IOException("no " + prefix + "*.jar in " + target
              + "; build the project first (./servescope builds it)"));
    }
  }

  /** The app module's jar. */
  public Path appJar() throws IOException {
    return moduleJar("app", "servescope-app-");
  }

  /** Jars in a folder, sorted by name. */
  public static List<Path> jars(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + " is missing; build the project first (./servescope builds it)");
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }
}
