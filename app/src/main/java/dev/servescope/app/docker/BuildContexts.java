package dev.servescope.app.docker;

import dev.servescope.app.ladder.LadderVersion;
import dev.servescope.app.ladder.ProjectLayout;
import dev.servescope.inference.model.ModelCatalog;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Prepares each version's build context on the host, so that nothing is downloaded inside {@code docker build}. A
 * context holds only what its Dockerfile copies: the version's folder, the shared scripts, the server's jars and (when
 * baked in) the exported model. Only v1 takes the project's sources and whole classpath, on purpose.
 */
public final class BuildContexts {
  /** Never copied from the project, even into v1: build output, VCS data, caches, anything that may hold secrets. */
  private static final Set<String> EXCLUDED = Set.of("target", ".git", "node_modules", ".idea", ".vscode", ".m2",
      ".ssh", ".gnupg", ".docker", ".env", "results");

  private final ProjectLayout layout;
  private final ModelCatalog catalog;
  private final Supplier<Path> gpuRuntimeJar;

  /**
   * @param gpuRuntimeJar supplies the GPU build of ONNX Runtime for v1, resolved only when v1 is built
   */
  public BuildContexts(ProjectLayout layout, ModelCatalog catalog, Supplier<Path> gpuRuntimeJar) {
    this.layout = layout;
    this.catalog = catalog;
    this.gpuRuntimeJar = gpuRuntimeJar;
  }

  /** Fills {@code contextDir} (created, must be empty or absent) for {@code version}. */
  public Path prepare(LadderVersion version, Path contextDir) throws IOException {
    Files.createDirectories(contextDir);
    copyFlat(version.dir(layout), contextDir);
    try (Stream<Path> shared = Files.list(layout.dockerfiles())) {
      for (Path script : shared.filter(p -> p.toString().endsWith(".sh")).toList()) {
        Files.copy(script, contextDir.resolve(script.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path lib = Files.createDirectories(contextDir.resolve("lib"));
    if (version.wholeProject()) {
      for (Path jar : ProjectLayout.jars(layout.appLib())) {
        // The naive image swaps the CPU runtime for the GPU build, as a "full framework" install would.
        if (!jar.getFileName().toString().matches("onnxruntime-\\d.*\\.jar")) {
          Files.copy(jar, lib.resolve(jar.getFileName()));
        }
      }
      Path gpu = gpuRuntimeJar.get();
      Files.copy(gpu, lib.resolve(gpu.getFileName()));
      copyTree(layout.root(), contextDir.resolve("project"));
    } else {
      for (Path jar : ProjectLayout.jars(layout.serverLib())) {
        Files.copy(jar, lib.resolve(jar.getFileName()));
      }
      Path inference = layout.inferenceJar();
      Files.copy(inference, lib.resolve(inference.getFileName()));
    }
    if (!version.downloadsModel()) {
      catalog.exportTo(catalog.require(version.modelId()), contextDir.resolve("model"));
    }
    return contextDir;
  }

  private static void copyFlat(Path from, Path to) throws IOException {
    if (!Files.isRegularFile(from.resolve("Dockerfile"))) {
      throw new IOException("no Dockerfile in " + from);
    }
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Copies the project's own files, skipping build output and anything in {@link #EXCLUDED}. */
  static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(from) && EXCLUDED.contains(dir.getFileName().toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile() && !EXCLUDED.contains(file.getFileName().toString())) {
          Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Deletes a context folder; never throws. */
  public static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(BuildContexts.class).debug("cannot delete {}: {}", dir, e.getMessage());
    }
  }
}
