package dev.servescope.app.docker;

import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.run.BuildContextFactory;
import dev.servescope.inference.model.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Prepares each version's build context on the host, so that nothing is downloaded inside {@code docker build}. A
 * context holds only what its Dockerfile copies: the version's folder, the shared scripts, the server's jars and (when
 * baked in) the exported model. Only v1 takes the project's sources (what git tracks) and whole classpath, on purpose.
 */
public final class BuildContexts implements BuildContextFactory {
  private static final java.util.regex.Pattern FROM =
      java.util.regex.Pattern.compile("^\\s*FROM\\s", java.util.regex.Pattern.CASE_INSENSITIVE);
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
  @Override
  public Path prepare(LadderVersion version, Path contextDir) throws IOException {
    Files.createDirectories(contextDir);
    copyFlat(version.dir(layout), contextDir);
    Path dockerfile = contextDir.resolve("Dockerfile");
    Files.writeString(dockerfile, labelEveryStage(Files.readString(dockerfile), version.id()));
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
      copyProject(layout.root(), contextDir.resolve("project"));
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

  /**
   * The Dockerfile with ServeScope's labels after every {@code FROM}: the engine labels only the final image, and a
   * multi-stage build's other stages would otherwise be anonymous images nobody could clean up.
   */
  static String labelEveryStage(String dockerfile, String version) {
    String label = "LABEL " + Labels.MANAGED + "=" + Labels.LADDER + " " + Labels.VERSION + "=" + version;
    StringBuilder out = new StringBuilder();
    boolean continued = false;
    boolean inFrom = false;
    for (String line : dockerfile.split("\n", -1)) {
      if (!continued) {
        inFrom = FROM.matcher(line).find();
      }
      out.append(line).append('\n');
      continued = line.stripTrailing().endsWith("\\");
      if (inFrom && !continued) {
        out.append(label).append('\n');
        inFrom = false;
      }
    }
    return out.substring(0, out.length() - 1);
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

  /**
   * Copies the project's own files for the naive image: what git tracks (so nothing ignored or private, such as an
   * {@code .envrc} or a key, can land in an image); outside a git checkout, every file but hidden ones, key-like
   * ones and build output.
   */
  static void copyProject(Path from, Path to) throws IOException {
    for (Path relative : ProjectFiles.list(from)) {
      Path source = from.resolve(relative);
      if (Files.isRegularFile(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Path target = to.resolve(relative.toString());
        Files.createDirectories(target.getParent());
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
