package dev.servescope.app.ladder.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scratch folders of ladder runs and builds (contexts, root file systems), named after the process that made them,
 * {@code servescope-work-<pid>-<start millis>-<random>}, so that the folders of a killed run can be told from those of
 * a run in progress and removed at the next start.
 */
public final class WorkFolders {
  private static final Logger LOG = LoggerFactory.getLogger(WorkFolders.class);
  private static final String PREFIX = "servescope-work-";
  private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)-.*");

  private final Path parent;

  /** Folders under {@code parent} (the system's temp folder in the app). */
  public WorkFolders(Path parent) {
    this.parent = parent;
  }

  public static WorkFolders inTemp() {
    return new WorkFolders(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** A new folder owned by this process. */
  public Path create() throws IOException {
    OwnerProcess me = OwnerProcess.current();
    return Files.createTempDirectory(parent, PREFIX + me.pid() + "-" + me.startMillis() + "-");
  }

  /** Folders whose process is gone (a process of this host: folders are local). */
  public List<Path> stale() {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> entries = Files.list(parent)) {
      for (Path p : entries.toList()) {
        owner(p).filter(OwnerProcess::isGone).ifPresent(o -> out.add(p));
      }
    } catch (IOException e) {
      LOG.debug("cannot list {}: {}", parent, e.getMessage());
    }
    return out;
  }

  /** The process a folder's name says made it, if the name is one of ours. */
  static Optional<OwnerProcess> owner(Path folder) {
    Matcher m = NAME.matcher(folder.getFileName().toString());
    if (!m.matches() || !Files.isDirectory(folder)) {
      return Optional.empty();
    }
    return Optional.of(new OwnerProcess(Long.parseLong(m.group(1)), OwnerProcess.current().host(),
        Long.parseLong(m.group(2))));
  }

  /** Bytes under a folder (what removing it frees); 0 when unreadable. */
  public static long size(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Deletes a folder and everything in it, without following links out of it; never throws. Java's own walk, no
   * shell: a path with spaces or quotes deletes exactly that path.
   */
  public static void delete(Path dir) {
    if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isSymbolicLink(dir)) {
      try {
        Files.delete(dir); // the link, never what it points to
      } catch (IOException e) {
        LOG.warn("cannot delete {}: {}", dir, e.getMessage());
      }
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot delete {}: {}", dir, e.getMessage());
    }
  }
}
