package dev.servescope.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Hardware;
import dev.servescope.app.ladder.host.OwnerProcess;
import dev.servescope.app.ladder.result.RunHistory;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunSetup;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run history in an embedded SQLite file. Each version's result is written in its own transaction, so killing the
 * app mid-run loses at most the version in progress; runs left "running" by a process that is gone are marked
 * "interrupted" the next time the store opens. Thread-safe: one connection, synchronised methods.
 */
public final class HistoryStore implements RunHistory, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);

  private final Path file;
  private final Connection db;
  private final Path movedAside;

  private HistoryStore(Path file, Connection db, Path movedAside) {
    this.file = file;
    this.db = db;
    this.movedAside = movedAside;
  }

  /** {@code $SERVESCOPE_DATA}, else {@code $XDG_DATA_HOME/servescope}, else {@code ~/.local/share/servescope}. */
  public static Path defaultFile() {
    String explicit = System.getenv("SERVESCOPE_DATA");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit, "history.db");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local",
        "share");
    return base.resolve("servescope").resolve("history.db");
  }

  /**
   * Opens (creating if needed) the history file; runs a killed or crashed process left open become interrupted. A
   * file that is not a readable SQLite database is moved aside ({@code history.db.corrupt-<time>}) and a new history
   * is started; {@link #movedAside()} says so.
   *
   * @throws StoreException when the file cannot be opened or made (permissions, a full disk, a newer schema)
   */
  public static HistoryStore open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create the folder of run history " + file + ": " + e.getMessage(), e);
    }
    try {
      return new HistoryStore(file, HistoryFile.connect(file), null);
    } catch (SQLException e) {
      if (!HistoryFile.isCorrupt(e)) {
        throw new StoreException("cannot open run history " + file + ": " + e.getMessage(), e);
      }
      Path aside = HistoryFile.moveAside(file, e);
      try {
        return new HistoryStore(file, HistoryFile.connect(file), aside);
      } catch (SQLException again) {
        throw new StoreException("cannot start a new run history " + file + ": " + again.getMessage(), again);
      }
    }
  }

  /** Where an unreadable history file was moved when this store opened, if it had to be. */
  public Optional<Path> movedAside() {
    return Optional.ofNullable(movedAside);
  }

  public Path file() {
    return file;
  }

  /** Starts a run and returns its id. */
  @Override
  public synchronized String startRun(EngineInfo engine, Hardware hardware, RunSetup setup) {
    String id = Instant.now().toString().replaceAll("[-:]", "").replaceAll("\\..*", "") + "-"
        + UUID.randomUUID().toString().substring(0, 6);
    String hardwareJson;
    String setupJson;
    try {
      hardwareJson = hardware == null ? null : JSON.writeValueAsString(hardware);
      setupJson = setup == null ? null : JSON.writeValueAsString(setup);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot serialise the hardware or setup of run " + id, e);
    }
    update("INSERT INTO runs (id, started_at, status, engine_version, api_version, engine_host, owner, hardware,"
        + " setup) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?)", id, Instant.now().toString(), engine.version(),
        engine.apiVersion(), engine.host(), OwnerProcess.current().label(), hardwareJson, setupJson);
    return id;
  }

  @Override
  public synchronized void recordSetup(String runId, RunSetup setup) {
    try {
      update("UPDATE runs SET setup = ? WHERE id = ?", JSON.writeValueAsString(setup), runId);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot serialise the setup of run " + runId, e);
    }
  }

  /** Records one version's result, atomically. */
  @Override
  public synchronized void recordVersion(String runId, VersionResult result) {
    try {
      update("INSERT OR REPLACE INTO results (run_id, version, recorded_at, json) VALUES (?, ?, ?, ?)", runId,
          result.version(), Instant.now().toString(), JSON.writeValueAsString(result));
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot serialise the result of " + result.version(), e);
    }
  }

  /** Closes a run with its final status (complete, failed, cancelled). */
  @Override
  public synchronized void finishRun(String runId, RunStatus status, String message) {
    update("UPDATE runs SET status = ?, message = ?, finished_at = ? WHERE id = ?", status.id(), message,
        Instant.now().toString(), runId);
  }

  /** Every run, newest first; a run that cannot be read is left out and logged, not the reason for an error. */
  @Override
  public synchronized List<RunReport> runs() {
    List<RunReport> out = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM runs ORDER BY started_at DESC, id DESC")) {
      while (rs.next()) {
        String id = rs.getString(1);
        try {
          load(id).ifPresent(out::add);
        } catch (StoreException | IllegalArgumentException e) {
          LOG.warn("run {} in {} is unreadable and left out: {}", id, file, e.getMessage());
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot list runs in " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** One run with its results in the order they were measured (the ladder's). */
  @Override
  public synchronized Optional<RunReport> load(String runId) {
    try (PreparedStatement p = db.prepareStatement("SELECT started_at, status, message, engine_version, api_version,"
        + " engine_host, hardware, setup FROM runs WHERE id = ?")) {
      p.setString(1, runId);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Hardware hardware = column(runId, "hardware", rs.getString(7), Hardware.class);
        // The engine's kind is recorded with the hardware (a column of its own would say the same).
        EngineInfo engine = new EngineInfo(rs.getString(4), rs.getString(5), rs.getString(6),
            hardware == null ? null : hardware.engineKind());
        return Optional.of(new RunReport(runId, rs.getString(1), RunStatus.of(rs.getString(2)), rs.getString(3), engine,
            hardware, results(runId),
            column(runId, "setup", rs.getString(8), RunSetup.class)));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read run " + runId + ": " + e.getMessage(), e);
    }
  }

  /** A JSON column of a run; null when it was not recorded, or cannot be read (then logged). */
  private <T> T column(String runId, String name, String json, Class<T> type) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      LOG.warn("the {} of run {} in {} is unreadable: {}", name, runId, file, e.getMessage());
      return null;
    }
  }

  /** A run's results; a result that cannot be read is left out and logged, and the others still show. */
  private List<VersionResult> results(String runId) throws SQLException {
    List<VersionResult> out = new ArrayList<>();
    try (PreparedStatement p = db.prepareStatement("SELECT version, json FROM results WHERE run_id = ?"
        + " ORDER BY recorded_at, rowid")) {
      p.setString(1, runId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          try {
            out.add(JSON.readValue(rs.getString(2), VersionResult.class));
          } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("result {} of run {} in {} is unreadable and left out: {}", rs.getString(1), runId, file,
                e.getMessage());
          }
        }
      }
    }
    return out;
  }

  private void update(String sql, Object... args) {
    try {
      db.setAutoCommit(false);
      try (PreparedStatement p = db.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          p.setObject(i + 1, args[i]);
        }
        p.executeUpdate();
        db.commit();
      } catch (SQLException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot write run history " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close run history " + file + ": " + e.getMessage(), e);
    }
  }

  /** The history file cannot be read or written. */
  public static final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
