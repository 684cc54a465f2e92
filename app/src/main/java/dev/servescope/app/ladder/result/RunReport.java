package dev.servescope.app.ladder.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Hardware;
import java.util.List;

/**
 * One ladder run.
 *
 * @param id run id
 * @param startedAt ISO-8601 start time
 * @param status where the run stands
 * @param message why it failed, if it did
 * @param engine the engine it ran on
 * @param hardware what it ran on; null for runs recorded before ServeScope kept it
 * @param versions each version's result, in ladder order
 * @param setup the ladder, reference and limits; null for runs recorded before ServeScope kept them
 */
public record RunReport(
    String id,
    @JsonProperty("started_at") String startedAt,
    RunStatus status,
    String message,
    EngineInfo engine,
    Hardware hardware,
    List<VersionResult> versions,
    RunSetup setup) {

  /** A run without its setup (runs recorded before ServeScope kept it). */
  public RunReport(String id, String startedAt, RunStatus status, String message, EngineInfo engine,
      Hardware hardware, List<VersionResult> versions) {
    this(id, startedAt, status, message, engine, hardware, versions, null);
  }

  /** The same run with other results. */
  public RunReport withVersions(List<VersionResult> results) {
    return new RunReport(id, startedAt, status, message, engine, hardware, results, setup);
  }
}
