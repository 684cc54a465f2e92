package dev.servescope.app.ladder;

import dev.servescope.app.ladder.result.RunHistory;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunSetup;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A run history in memory, for runner tests. */
public final class MemoryHistory implements RunHistory {
  private final Map<String, RunReport> runs = new LinkedHashMap<>();

  @Override
  public synchronized String startRun(EngineInfo engine, Hardware hardware, RunSetup setup) {
    String id = "run-" + (runs.size() + 1);
    runs.put(id, new RunReport(id, "now", RunStatus.RUNNING, null, engine, hardware, List.of(), setup));
    return id;
  }

  @Override
  public synchronized void recordSetup(String runId, RunSetup setup) {
    RunReport r = runs.get(runId);
    runs.put(runId, new RunReport(r.id(), r.startedAt(), r.status(), r.message(), r.engine(), r.hardware(),
        r.versions(), setup));
  }

  @Override
  public synchronized void recordVersion(String runId, VersionResult result) {
    RunReport r = runs.get(runId);
    List<VersionResult> versions = new ArrayList<>(r.versions());
    versions.add(result);
    runs.put(runId, r.withVersions(versions));
  }

  @Override
  public synchronized void finishRun(String runId, RunStatus status, String message) {
    RunReport r = runs.get(runId);
    runs.put(runId, new RunReport(runId, r.startedAt(), status, message, r.engine(), r.hardware(),
        r.versions(), r.setup()));
  }

  @Override
  public synchronized Optional<RunReport> load(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  @Override
  public synchronized List<RunReport> runs() {
    return List.copyOf(runs.values());
  }
}
