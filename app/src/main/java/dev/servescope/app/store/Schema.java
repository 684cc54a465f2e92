package dev.servescope.app.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The history's schema, versioned with {@code PRAGMA user_version}. Migrations run in one immediate transaction, so
 * two processes opening a new history at once serialise on SQLite's lock: the second sees the first's version and has
 * nothing left to do.
 */
final class Schema {
  /** One step from version {@code n - 1} to {@code n}; idempotent, so files made before versioning migrate too. */
  private interface Migration {
    void apply(Statement s) throws SQLException;
  }

  private static final List<Migration> MIGRATIONS = List.of(
      s -> {
        s.execute("CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, started_at TEXT NOT NULL, status TEXT NOT"
            + " NULL, message TEXT, engine_version TEXT, api_version TEXT, engine_host TEXT, finished_at TEXT)");
        s.execute("CREATE TABLE IF NOT EXISTS results (run_id TEXT NOT NULL REFERENCES runs(id), version TEXT NOT"
            + " NULL, recorded_at TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (run_id, version))");
      },
      s -> {
        if (!hasColumn(s, "runs", "owner")) {
          s.execute("ALTER TABLE runs ADD COLUMN owner TEXT");
        }
      },
      s -> {
        if (!hasColumn(s, "runs", "hardware")) {
          s.execute("ALTER TABLE runs ADD COLUMN hardware TEXT");
        }
      },
      s -> {
        if (!hasColumn(s, "runs", "setup")) {
          s.execute("ALTER TABLE runs ADD COLUMN setup TEXT");
        }
      });

  /** The version this build of ServeScope writes. */
  static final int LATEST = MIGRATIONS.size();

  private Schema() {}

  static int version(Connection db) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /**
   * Brings the file to {@link #LATEST}.
   *
   * @throws SQLException also when the file was written by a newer ServeScope
   */
  static void migrate(Connection db, String file) throws SQLException {
    if (version(db) == LATEST) {
      return;
    }
    try (Statement s = db.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        int current = version(db);
        if (current > LATEST) {
          throw new SQLException(file + " has schema version " + current + ", newer than this ServeScope's ("
              + LATEST + "): open it with a newer ServeScope, or move it aside");
        }
        for (int v = current; v < LATEST; v++) {
          MIGRATIONS.get(v).apply(s);
        }
        s.execute("PRAGMA user_version = " + LATEST);
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        s.execute("ROLLBACK");
        throw e;
      }
    }
  }

  private static boolean hasColumn(Statement s, String table, String column) throws SQLException {
    try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rs.next()) {
        if (rs.getString("name").equals(column)) {
          return true;
        }
      }
      return false;
    }
  }
}
