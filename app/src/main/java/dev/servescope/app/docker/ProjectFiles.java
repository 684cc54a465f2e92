package dev.servescope.app.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The files that make up the project, relative to its root: what goes into the naive image's copy of it. */
final class ProjectFiles {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectFiles.class);
  private static final Set<String> BUILD_OUTPUT = Set.of("target", "node_modules", "results");
  private static final List<String> PRIVATE_ENDINGS = List.of(".key", ".pem", ".p12", ".pfx", ".jks", ".keystore",
      ".env", ".envrc", ".netrc", ".npmrc", ".pypirc");

  private ProjectFiles() {}

  /** What git tracks in {@code root}; outside a checkout (or without git), {@link #walk(Path)}. */
  static List<Path> list(Path root) throws IOException {
    List<Path> tracked = gitTracked(root);
    return tracked != null ? tracked : walk(root);
  }

  /** Null when {@code root} is not a git checkout or git is missing. */
  private static List<Path> gitTracked(Path root) {
    Process git;
    try {
      git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      LOG.debug("git is not available: {}", e.getMessage());
      return null;
    }
    try (InputStream in = git.getInputStream()) {
      String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
        return null;
      }
      List<Path> files = new ArrayList<>();
      for (String name : out.split("\0")) {
        if (!name.isEmpty()) {
          files.add(Path.of(name));
        }
      }
      return files;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      git.destroyForcibly();
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Every file but hidden ones, private-looking ones (keys, env files) and build output. */
  static List<Path> walk(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return !dir.equals(root) && (name.startsWith(".") || BUILD_OUTPUT.contains(name))
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && !isPrivate(file.getFileName().toString())) {
          files.add(root.relativize(file));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return files;
  }

  static boolean isPrivate(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.startsWith(".") || PRIVATE_ENDINGS.stream().anyMatch(lower::endsWith) || lower.startsWith("id_rsa")
        || lower.startsWith("id_ed25519");
  }
}
