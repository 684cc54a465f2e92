package dev.servescope.app.ladder.run;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.PrerequisiteMissingException;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.measure.Agreement;
import dev.servescope.app.ladder.measure.InProcessRun;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.measure.LoadPlacement;
import dev.servescope.app.ladder.measure.ModelHosting;
import dev.servescope.app.ladder.measure.Pod;
import dev.servescope.app.ladder.measure.VersionMeasurement;
import dev.servescope.app.load.Readiness;
import dev.servescope.app.ladder.result.RunHistory;
import dev.servescope.app.ladder.result.Spread;
import dev.servescope.app.ladder.result.VersionResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's rungs through their builds and their repeats: what each has so far, and which failed. A rung that fails
 * (its build, or any of its starts) is out of the later rounds; a rung is recorded after its last repeat.
 */
final class Rounds {
  private static final Logger LOG = LoggerFactory.getLogger(Rounds.class);

  private final ContainerEngine engine;
  private final RunHistory history;
  private final String runId;
  private final RungSpec reference;
  private final Agreement agreement;
  private final LadderSettings settings;
  private final List<String> sentences;
  private final LadderListener listener;
  private final Cancellation cancel;
  private final Map<RungSpec, Built> built = new LinkedHashMap<>();
  private final Map<RungSpec, List<VersionMeasurement.Served>> served = new HashMap<>();
  private final Map<RungSpec, List<Double>> inProcess = new HashMap<>();
  private final List<String> failures = new ArrayList<>();
  /** Rungs left out because this machine lacks what they need, each with what to install. */
  private final List<String> skipped = new ArrayList<>();
  private LoadPlacement placement;
  private ModelHosting hub;
  private FloorRung floor;

  /**
   * @param context the run: its engine, history, id, settings, sentences, listener and cancel
   * @param agreement compares each rung's labels with the reference's
   */
  Rounds(RunContext context, RungSpec reference, Agreement agreement) {
    this.engine = context.engine();
    this.history = context.history();
    this.runId = context.runId();
    this.settings = context.settings();
    this.sentences = context.sentences();
    this.listener = context.listener();
    this.cancel = context.cancel();
    this.reference = reference;
    this.agreement = agreement;
  }

  /** Where the load comes from, once placed; closed with the rounds. */
  void place(LoadPlacement p) {
    this.placement = p;
  }

  Agreement agreement() {
    return agreement;
  }

  LoadPlacement placement() {
    return placement;
  }

  /**
   * Builds a rung; one that fails is out of the rounds. The placement's model hosting comes with the first version
   * that fetches its model at start.
   */
  void build(RungBuilds builds, RungSpec rung, LadderVersion version, ModelHosting.Export export, Path workDir) {
    if (rung.modelAtStart(version).isPresent() && hub == null) {
      hub = placement.models(export, workDir);
    }
    attempt(rung, () -> built.put(rung, builds.rung(runId, rung, version, hub, workDir, listener, cancel)));
  }

  /** The floor, measured at the start of every round; null to run without one. */
  void floor(FloorRung f) {
    this.floor = f;
  }

  FloorRung floor() {
    return floor;
  }

  /** Starts the floor once, for the round about to begin. */
  void measureFloor() {
    if (floor != null) {
      floor.measure(placement, settings);
    }
  }

  /** Starts a built rung once and measures it; after its last repeat, records it. */
  void measure(RungSpec rung, int round) {
    Built b = built.get(rung);
    if (b == null) {
      return;
    }
    attempt(rung, () -> {
      served.computeIfAbsent(rung, r -> new ArrayList<>()).add(measureOnce(b, round));
      measureInProcess(b);
      if (round == settings.repeats()) {
        finish(rung, true);
      }
    });
  }

  /** What failed, one phrase per rung; empty when nothing did. */
  List<String> failures() {
    return failures;
  }

  /** What was left out for want of something this machine lacks. */
  List<String> skipped() {
    return skipped;
  }

  /** Starts a built rung once and measures it; its container goes before this returns. */
  private VersionMeasurement.Served measureOnce(Built b, int round) {
    RungSpec rung = b.rung();
    String id = rung.id();
    int repeats = settings.repeats();
    String prefix = repeats == 1 ? "" : "repeat " + round + "/" + repeats + ": ";
    double from = RungBuilds.IN_A_RUN;
    VersionMeasurement.Progress progress = (phase, f) -> listener.phase(id, prefix + phase,
        from + (1 - from) * (round - 1 + Math.min(1, Math.max(0, (f - from) / (1 - from)))) / repeats);
    Probe probe = rung.probe();
    progress.phase("starting the container (" + settings.limits().summary() + ")"
        + (settings.replica().steadyWithin().isZero() ? "" : ", then its warm-up to steady state"), 0.62);
    ContainerSpec spec = new ContainerSpec(rung.tag(), b.env(), probe.port(), Labels.ofRung(runId, id),
        settings.limits());
    Readiness.Plan ready = new Readiness.Plan(settings.readyTimeout(), settings.replica().steadyWithin(),
        settings.replica().steadyRateOr(settings.ratePerSecond()));
    try (Pod pod = placement.start(spec, probe, sentences.stream().map(probe::body).toList(), ready, cancel,
        line -> listener.log(id, line))) {
      return new VersionMeasurement(engine, settings, sentences, cancel).measure(pod, rung, round == 1, progress,
          line -> listener.log(id, line));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
  }

  /**
   * A built-in rung's throughput in process, on the CPUs and with the callers it served with (see
   * {@link InProcessRun}), right after each round's served measurement, so that both figures are medians over the
   * same rounds; left out, and said, when it cannot be had. Rungs of your own serve something else.
   */
  private void measureInProcess(Built b) {
    String id = b.rung().id();
    if (b.version() == null) {
      return;
    }
    listener.phase(id, "the same load in process, for the served efficiency", 0.99);
    ContainerSpec spec = new ContainerSpec(b.rung().tag(), b.env(), b.rung().probe().port(),
        Labels.ofRung(runId, id), settings.limits(), placement.setup().serverCpuset(), null, null,
        false, null);
    try {
      inProcess.computeIfAbsent(b.rung(), r -> new ArrayList<>()).add(InProcessRun.measure(engine, placement, spec,
          settings, sentences, cancel, line -> listener.log(id, line)));
    } catch (CancellationException | DockerUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      cancel.check();
      listener.log(id, "in-process throughput not measured: " + e.getMessage());
    }
  }

  /** Records a rung from the repeats it has; tells the listener when {@code announce}. */
  private void finish(RungSpec rung, boolean announce) {
    List<VersionMeasurement.Served> repeats = served.remove(rung);
    Built b = built.remove(rung);
    if (repeats == null || repeats.isEmpty() || b == null) {
      return;
    }
    Double agreed = agreement.of(rung, repeats.get(0).labels(), line -> listener.log(rung.id(), line));
    List<Double> inProcessRounds = inProcess.remove(rung);
    VersionResult r = b.result(repeats, agreed, floor == null ? null : floor.figures(),
        inProcessRounds == null || inProcessRounds.isEmpty() ? null : Spread.median(inProcessRounds));
    history.recordVersion(runId, r);
    if (announce) {
      listener.rungFinished(rung.id(), r);
    }
  }

  private void attempt(RungSpec rung, IoAction action) {
    try {
      action.run();
    } catch (CancellationException | DockerUnavailableException e) {
      listener.rungFailed(rung.id(), e);
      throw e;
    } catch (PrerequisiteMissingException e) {
      LOG.warn("{} skipped: {}", rung.id(), e.getMessage());
      listener.log(rung.id(), "skipped: " + e.getMessage());
      listener.rungSkipped(rung.id(), e.getMessage());
      skipped.add(rung.id() + " skipped: " + e.getMessage());
      built.remove(rung);
      served.remove(rung);
    } catch (IOException | RuntimeException e) {
      if (cancel.isCancelled()) {
        listener.rungFailed(rung.id(), new CancellationException("cancelled"));
        throw new CancellationException("cancelled");
      }
      LOG.warn("{} failed: {}", rung.id(), e.getMessage());
      listener.rungFailed(rung.id(), e);
      failures.add(rung.id() + ": " + e.getMessage());
      built.remove(rung);
      served.remove(rung);
      if (rung == reference) {
        agreement.referenceFailed();
      }
    }
  }

  /**
   * Ends the run's load and model hosting; when the run stopped early, records every rung with the repeats it
   * finished, so that a cancel loses nothing measured.
   */
  void close(boolean early) {
    if (early) {
      for (RungSpec rung : List.copyOf(served.keySet())) {
        try {
          finish(rung, false);
        } catch (RuntimeException e) {
          LOG.warn("cannot record what {} measured before the run stopped: {}", rung.id(), e.getMessage());
        }
      }
    }
    if (placement != null) {
      placement.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }
}
