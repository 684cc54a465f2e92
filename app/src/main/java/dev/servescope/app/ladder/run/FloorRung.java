package dev.servescope.app.ladder.run;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.ColdStart;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.measure.LoadPlacement;
import dev.servescope.app.ladder.measure.Pod;
import dev.servescope.app.ladder.measure.VersionMeasurement;
import dev.servescope.app.load.Readiness;
import dev.servescope.app.ladder.result.Floor;
import dev.servescope.app.ladder.result.Spread;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The floor: an empty static server, built once and started in every round beside the rungs, so that each cold start
 * can be read as a multiple of what starting any container costs on this engine. A floor that cannot be built or
 * started is said on the first rung's log and left out; the run goes on without it.
 */
final class FloorRung {
  /** The floor's id, in labels and logs. */
  static final String ID = "floor";
  /** The floor answers its health check on {@code /} and a one-line CGI script as its prediction, with no label. */
  static final Probe PROBE = new Probe(8080, "/", "/cgi-bin/predict", "{\"text\": ${text}}", null);

  private final ContainerEngine engine;
  private final String runId;
  /** The rung whose log and progress line the floor's messages go to. */
  private final String logRung;
  private final LadderListener listener;
  private final Cancellation cancel;
  private final List<ColdStart> starts = new ArrayList<>();
  /** The floor's image once built; null before, or after it failed. */
  private RungSpec rung;

  FloorRung(ContainerEngine engine, String runId, String logRung, LadderListener listener, Cancellation cancel) {
    this.engine = engine;
    this.runId = runId;
    this.logRung = logRung;
    this.listener = listener;
    this.cancel = cancel;
  }

  /** Builds the floor's image from {@code dockerfiles/floor}. */
  void build(RungBuilds builds, ProjectLayout layout, Path workDir) {
    RungSpec floor = new RungSpec(ID, null, layout.dockerfiles().resolve("floor/Dockerfile"),
        layout.dockerfiles().resolve("floor"), null, Map.of(), Map.of(), "an empty static server", PROBE, Map.of(),
        List.of(), null);
    try {
      listener.phase(logRung, "building the floor (an empty static server)", RungBuilds.IN_A_RUN);
      builds.dockerfile(floor, Labels.ofRung(runId, ID), workDir, new LadderListener() {
        @Override
        public void log(String rung, String line) {
          listener.log(logRung, "floor: " + line);
        }
      }, 1.0, cancel);
      rung = floor;
    } catch (IOException | RuntimeException e) {
      cancel.check();
      listener.log(logRung, "floor: not measured, its build failed: " + e.getMessage());
    }
  }

  /** Starts the floor once and keeps its cold start. */
  void measure(LoadPlacement placement, LadderSettings settings) {
    if (rung == null) {
      return;
    }
    ContainerSpec spec = new ContainerSpec(rung.tag(), List.of(), PROBE.port(), Labels.ofRung(runId, ID),
        settings.limits());
    try (Pod pod = placement.start(spec, PROBE, List.of(PROBE.body(ID)),
        Readiness.Plan.waitOnly(settings.readyTimeout()), cancel,
        line -> listener.log(logRung, "floor: " + line))) {
      ColdStart c = VersionMeasurement.coldStart(engine, pod, PROBE, settings.readyTimeout());
      starts.add(c);
      listener.log(logRung, "floor: first answer " + c.totalMs() + " ms after the container was created");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    } catch (RuntimeException e) {
      cancel.check();
      if (e instanceof DockerUnavailableException) {
        throw e;
      }
      listener.log(logRung, "floor: not measured, it did not start: " + e.getMessage());
      rung = null;
    }
  }

  /** The floor's figures so far; null when it was never measured. */
  Floor figures() {
    if (starts.isEmpty()) {
      return null;
    }
    List<Double> ms = starts.stream().map(c -> (double) c.totalMs()).toList();
    return new Floor(Math.round(Spread.median(ms)), Spread.of(ms), ms.size());
  }
}
