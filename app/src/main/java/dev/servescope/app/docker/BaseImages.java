package dev.servescope.app.docker;

import dev.servescope.app.ladder.BuildRequest;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.file.DockerfileArgs;
import dev.servescope.app.ladder.host.WorkFolders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Makes sure every base image a Dockerfile names is there. A public image that is present or can be pulled is used as
 * is; otherwise (offline) ServeScope makes an equivalent from Debian's packages: a minimal Debian from
 * {@code debootstrap} imported with {@code docker import}, and JDK/JRE images on top of it built from
 * {@code dockerfiles/base/}. Local equivalents are kept between runs.
 */
public final class BaseImages {
  /** The local Debian every other local base builds on. */
  public static final String LOCAL_DEBIAN = "servescope-base/debian:bookworm-slim";

  /**
   * A local stand-in for public images matching {@code pattern}.
   *
   * @param pattern public references it replaces
   * @param localRef the tag of the stand-in
   * @param dockerfile its recipe under {@code dockerfiles/base/}, or null for the debootstrapped Debian
   * @param hostJdk the feature version of a JDK of this machine's that the recipe copies in as {@code jdk/}, 0 for none
   */
  record Recipe(Pattern pattern, String localRef, String dockerfile, int hostJdk) {
    Recipe(Pattern pattern, String localRef, String dockerfile) {
      this(pattern, localRef, dockerfile, 0);
    }
  }

  static final List<Recipe> RECIPES = List.of(
      new Recipe(Pattern.compile("debian:bookworm(-slim)?"), LOCAL_DEBIAN, null),
      new Recipe(Pattern.compile("eclipse-temurin:17[^:]*-jre.*"), "servescope-base/jre:17", "jre-17.Dockerfile"),
      new Recipe(Pattern.compile("eclipse-temurin:17[^:]*-jdk.*"), "servescope-base/jdk:17", "jdk-17.Dockerfile"),
      new Recipe(Pattern.compile("eclipse-temurin:25[^:]*-jdk.*"), "servescope-base/jdk:25", "jdk-25.Dockerfile", 25),
      new Recipe(Pattern.compile("maven:3[^:]*17.*"), "servescope-base/maven-jdk:17", "maven-jdk-17.Dockerfile"),
      new Recipe(Pattern.compile("node:18(\\.[0-9.]+)?(-bookworm)?(-slim)?"), "servescope-base/node:18",
          "node-18.Dockerfile"),
      new Recipe(Pattern.compile("python:3\\.11(\\.[0-9]+)?-slim(-bookworm)?"), "servescope-base/python:3.11-slim",
          "python-3.11-slim.Dockerfile"),
      new Recipe(Pattern.compile("python:3\\.11(\\.[0-9]+)?(-bookworm)?"), "servescope-base/python:3.11",
          "python-3.11.Dockerfile"));

  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);

  /** What a Debian root file system needs no more once it is an image: package caches, lists and documentation. */
  static final List<String> TRIMMED = List.of("var/cache/apt/archives", "var/lib/apt/lists", "usr/share/doc",
      "usr/share/man", "usr/share/info");

  private final DockerEngine engine;
  private final Path recipes;
  private final Path workDir;
  private final HostJdks jdks;

  /**
   * @param recipes the folder of the local recipes ({@code dockerfiles/base/})
   * @param workDir a scratch folder; what is made there is removed when done
   */
  public BaseImages(DockerEngine engine, Path recipes, Path workDir) {
    this(engine, recipes, workDir, HostJdks.ofThisMachine());
  }

  BaseImages(DockerEngine engine, Path recipes, Path workDir, HostJdks jdks) {
    this.engine = engine;
    this.recipes = recipes;
    this.workDir = workDir;
    this.jdks = jdks;
  }

  /** The local recipe for a public image, if ServeScope has one. */
  static Optional<Recipe> recipeFor(String publicRef) {
    return RECIPES.stream().filter(r -> r.pattern().matcher(publicRef).matches()).findFirst();
  }

  /**
   * Build arguments that point each of a Dockerfile's base-image arguments at an image that is present.
   *
   * @param log every output line (pulls, debootstrap, base builds)
   * @param status the few milestones worth showing as progress (pulling, making a base from Debian's packages)
   * @return only the arguments whose default had to be replaced
   */
  public Map<String, String> resolveArgs(String dockerfile, Consumer<String> log, Consumer<String> status,
      Cancellation cancel) {
    Map<String, String> args = new java.util.LinkedHashMap<>();
    DockerfileArgs.baseImages(dockerfile).forEach((name, publicRef) -> {
      String ref = resolve(publicRef, log, status, cancel);
      if (!ref.equals(publicRef)) {
        args.put(name, ref);
      }
    });
    return args;
  }

  /** An image reference that is present locally: the public one, or its local stand-in (made if needed). */
  public String resolve(String publicRef, Consumer<String> log, Consumer<String> status, Cancellation cancel) {
    if (engine.imageExists(publicRef)) {
      return publicRef;
    }
    Recipe recipe = recipeFor(publicRef).orElse(null);
    if (recipe != null && engine.imageExists(recipe.localRef())) {
      log.accept("using " + recipe.localRef() + " in place of " + publicRef);
      return recipe.localRef();
    }
    status.accept("pulling " + publicRef);
    log.accept("pulling " + publicRef + " ...");
    if (engine.tryPull(publicRef, PULL_TIMEOUT, cancel)) {
      return publicRef;
    }
    if (recipe == null) {
      throw new IllegalStateException("base image " + publicRef + " is not present, cannot be pulled, and ServeScope"
          + " has no local recipe for it; pull or build it, or change the Dockerfile's default");
    }
    Path hostJdk = null;
    if (recipe.hostJdk() > 0) {
      hostJdk = jdks.require(recipe.hostJdk(), publicRef);
      log.accept(publicRef + " cannot be pulled: making " + recipe.localRef() + " from this machine's " + hostJdk);
    } else {
      log.accept(publicRef + " cannot be pulled: making " + recipe.localRef() + " from Debian's packages");
    }
    cancel.check();
    if (recipe.dockerfile() == null) {
      status.accept(making(recipe));
      debootstrap(log, cancel);
    } else {
      String debian = resolve("debian:bookworm-slim", log, status, cancel);
      status.accept(making(recipe));
      try {
        Path ctx = Files.createDirectories(workDir.resolve("base-" + recipe.dockerfile().replace(".Dockerfile", "")));
        Files.copy(recipes.resolve(recipe.dockerfile()), ctx.resolve("Dockerfile"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (hostJdk != null) {
          WorkFolders.delete(ctx.resolve("jdk"));
          copyTree(hostJdk, ctx.resolve("jdk"));
        }
        engine.build(new BuildRequest(ctx, recipe.localRef(), Map.of("DEBIAN_IMAGE", debian),
            Map.of(Labels.MANAGED, Labels.BASE)), log, cancel);
      } catch (IOException e) {
        throw new IllegalStateException("cannot prepare the context for " + recipe.localRef() + ": " + e.getMessage(),
            e);
      }
    }
    return recipe.localRef();
  }

  private static String making(Recipe recipe) {
    return "making " + recipe.localRef() + (recipe.hostJdk() > 0 ? " from this machine's Java " + recipe.hostJdk()
        : " from Debian's packages") + " (once; it is kept for later runs)";
  }

  /**
   * Copies a folder with its files' permissions, links resolved: a packaged JDK links files out of its tree (Debian's
   * Temurin: {@code lib/security/cacerts} into {@code /etc/ssl}), which an image would not have. A link to nothing
   * is left out.
   */
  static void copyTree(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          if (Files.isDirectory(p)) {
            copyTree(p.toRealPath(), target);
          } else if (Files.isRegularFile(p)) {
            Files.copy(p, target);
          }
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** {@code debootstrap --variant=minbase bookworm}, trimmed of caches and docs, then {@code docker import}. */
  private void debootstrap(Consumer<String> log, Cancellation cancel) {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException("making a local Debian base image needs root (debootstrap); run once as root"
          + " or make " + LOCAL_DEBIAN + " yourself");
    }
    Path rootfs = workDir.resolve("debian-rootfs");
    WorkFolders.delete(rootfs);
    try {
      run(List.of("debootstrap", "--variant=minbase", "bookworm", rootfs.toString()), log, cancel);
      trim(rootfs);
      Process tar = new ProcessBuilder("tar", "-C", rootfs.toString(), "-c", ".")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (Cancellation.Registration ignored = cancel.register(tar::destroyForcibly);
          InputStream in = tar.getInputStream()) {
        String[] ref = LOCAL_DEBIAN.split(":");
        engine.importImage(in, ref[0], ref[1], Map.of(Labels.MANAGED, Labels.BASE));
      }
      if (tar.waitFor() != 0) {
        cancel.check();
        throw new IllegalStateException("tar of " + rootfs + " failed");
      }
      log.accept("imported " + LOCAL_DEBIAN);
    } catch (IOException e) {
      throw new IllegalStateException("cannot make " + LOCAL_DEBIAN + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while making " + LOCAL_DEBIAN);
    } finally {
      WorkFolders.delete(rootfs);
    }
  }

  /**
   * Empties the {@link #TRIMMED} folders of a root file system, in Java: no shell, so no path can be split or
   * expanded into something else, and nothing outside {@code rootfs} is touched (links are deleted, not followed).
   */
  static void trim(Path rootfs) throws IOException {
    for (String folder : TRIMMED) {
      Path dir = rootfs.resolve(folder);
      if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
        for (Path entry : entries.toList()) {
          if (!entry.getFileName().toString().equals("partial") && !entry.getFileName().toString().equals("lock")) {
            WorkFolders.delete(entry);
          }
        }
      }
    }
  }

  private static void run(List<String> command, Consumer<String> log, Cancellation cancel)
      throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(command.get(0) + " is not installed (Debian: apt-get install -y " + command.get(0) + ")",
          e);
    }
    try (Cancellation.Registration ignored = cancel.register(p::destroyForcibly)) {
      try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        reader.lines().forEach(log);
      }
      int code = p.waitFor();
      cancel.check();
      if (code != 0) {
        throw new IOException(String.join(" ", command) + " exited with " + code);
      }
    }
  }
}
