package dev.servescope.app.store;

import dev.servescope.app.ladder.host.OwnerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening the history file: SQLite settings, the schema migration, waiting out another process's lock, moving an
 * unreadable file aside, and marking runs of dead processes as interrupted.
 */
final class HistoryFile {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryFile.class);
  private static final long LOCKED_RETRY_NANOS = 20_000_000_000L;

  private HistoryFile() {}

  /**
   * Opens and migrates, retrying while another process holds the lock: SQLite answers "database is locked" at once,
   * without waiting, when two connections would deadlock (two opening a new file and switching it to WAL, say), and
   * a connection that finds the journal of a new file already deleted by another fails with a delete I/O error.
   */
  static Connection connect(Path file) throws SQLException {
    createIfMissing(file);
    long deadline = System.nanoTime() + LOCKED_RETRY_NANOS;
    for (int attempt = 1; ; attempt++) {
      try {
        return connectOnce(file);
      } catch (SQLException e) {
        if (!isLocked(e) || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(Math.min(200, 10L * attempt) + java.util.concurrent.ThreadLocalRandom.current().nextInt(20));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * A new history is made whole in a file of its own (WAL mode, schema, checkpointed), then linked into place, which
   * fails when another opener got there first. Never an empty file that others open at once: SQLite takes a database
   * of zero pages for a new one and deletes the WAL it finds beside it, and with it rows another connection has
   * already committed there.
   */
  private static void createIfMissing(Path file) throws SQLException {
    if (Files.exists(file)) {
      return;
    }
    Path fresh = file.resolveSibling(file.getFileName() + ".new-" + java.util.UUID.randomUUID());
    try {
      connectOnce(fresh).close();
      try {
        Files.createLink(file, fresh);
      } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
        if (!Files.exists(file)) {
          // No hard links here: a move, which checks that nothing is there yet.
          Files.move(fresh, file);
        }
      }
    } catch (IOException e) {
      if (!Files.exists(file)) {
        throw new SQLException("cannot create " + file + ": " + e.getMessage(), e);
      }
    } finally {
      for (String suffix : List.of("", "-wal", "-shm")) {
        try {
          Files.deleteIfExists(fresh.resolveSibling(fresh.getFileName() + suffix));
        } catch (IOException e) {
          LOG.debug("cannot remove {}{}: {}", fresh, suffix, e.getMessage());
        }
      }
    }
  }

  static boolean isLocked(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED") || m.contains("database is locked")
        || m.contains("SQLITE_IOERR_DELETE_NOENT");
  }

  private static Connection connectOnce(Path file) throws SQLException {
    Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = db.createStatement()) {
      // Wait for another process's lock before anything else, the journal mode switch included.
      s.execute("PRAGMA busy_timeout=10000");
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      Schema.migrate(db, file.toString());
      markInterrupted(db);
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Not a database, or a damaged one: what moving the file aside mends. */
  static boolean isCorrupt(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("SQLITE_NOTADB") || m.contains("SQLITE_CORRUPT") || m.contains("file is not a database")
        || m.contains("malformed");
  }

  static Path moveAside(Path file, SQLException why) {
    String stamp = Instant.now().toString().replaceAll("[-:]", "").replaceAll("\\..*", "");
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
    try {
      Files.move(file, aside);
      for (String suffix : List.of("-wal", "-shm")) {
        Path side = file.resolveSibling(file.getFileName() + suffix);
        if (Files.exists(side)) {
          Files.move(side, aside.resolveSibling(aside.getFileName() + suffix));
        }
      }
    } catch (IOException e) {
      throw new HistoryStore.StoreException("run history " + file + " is unreadable (" + why.getMessage()
          + ") and cannot be moved aside: " + e.getMessage(), e);
    }
    LOG.warn("run history {} was unreadable ({}); moved it to {} and started a new one", file, why.getMessage(),
        aside);
    return aside;
  }

  /**
   * Runs still marked running whose ServeScope process is gone (killed, crashed) become interrupted. A run whose
   * process still runs, here or in another ServeScope on this machine, is left as it is.
   */
  private static void markInterrupted(Connection db) throws SQLException {
    List<String> dead = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, owner FROM runs WHERE status = 'running'")) {
      while (rs.next()) {
        if (OwnerProcess.liveness(rs.getString("owner")) == OwnerProcess.Liveness.GONE) {
          dead.add(rs.getString("id"));
        }
      }
    }
    try (PreparedStatement ps = db.prepareStatement("UPDATE runs SET status = 'interrupted', message ="
        + " 'ServeScope stopped before the run finished' WHERE id = ? AND status = 'running'")) {
      for (String id : dead) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
    }
  }
}
