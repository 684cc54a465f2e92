package dev.servescope.app.ladder.run;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Hardware;
import dev.servescope.app.ladder.ImageFigures;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.Limits;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.host.WorkFolders;
import dev.servescope.app.ladder.measure.Agreement;
import dev.servescope.app.ladder.measure.HostLoad;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.measure.LoadPlacement;
import dev.servescope.app.ladder.measure.ModelHosting;
import dev.servescope.app.ladder.measure.Repeats;
import dev.servescope.app.ladder.measure.SidecarLoad;
import dev.servescope.app.ladder.result.LoadSetup;
import dev.servescope.app.ladder.result.RunHistory;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.result.RunSetup;
import dev.servescope.app.ladder.result.RunStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * Builds, runs and measures ladder versions one after another, recording each version's result as soon as it is
 * measured. Whatever happens (a failed build, a cancel, the engine going away), the run's containers and scratch
 * folders are removed and the run is closed in the history with an honest {@link RunStatus}.
 */
public final class LadderRunner {
  private final ContainerEngine engine;
  private final RunHistory history;
  private final Parts parts;
  private final RungBuilds builds;

  /**
   * What a runner is made with besides the engine and the history it runs on.
   *
   * @param layout the checkout holding the Dockerfiles
   * @param contexts prepares built-in versions' build contexts on the host
   * @param models writes a model's files, for the versions that download theirs at start
   * @param referenceLabels a built-in reference's labels, computed apart from the engine
   * @param samples the sample sentences, when the ladder names none
   * @param work the run's scratch folders
   * @param images reads each rung's image for its wasted bytes, efficiency and transfer size; null to skip that
   */
  public record Parts(ProjectLayout layout, BuildContextFactory contexts, ModelHosting.Export models,
      ReferenceLabels referenceLabels, List<String> samples, WorkFolders work, ImageFigures.Source images) {
    public Parts {
      if (samples.isEmpty()) {
        throw new IllegalArgumentException("no sample sentences to measure with");
      }
      samples = List.copyOf(samples);
    }
  }

  public LadderRunner(ContainerEngine engine, RunHistory history, Parts parts) {
    this.engine = engine;
    this.history = history;
    this.parts = parts;
    this.builds = new RungBuilds(engine, parts.layout(), parts.contexts(), parts.images());
  }

  /**
   * Runs built-in versions in the given order, the first being the reference; returns the run as recorded.
   */
  public RunReport run(List<LadderVersion> versions, LadderSettings settings, LadderListener listener,
      Cancellation cancel) {
    Map<String, LadderVersion> known = new HashMap<>();
    versions.forEach(v -> known.put(v.id(), v));
    LadderFile ladder = LadderFile.ofVersions(versions.stream().map(LadderVersion::id).toList());
    return run(ladder, ladder.rungs(), known::get, settings, listener, cancel);
  }

  /**
   * Runs a ladder's rungs (all of them when {@code rungIds} is empty) in the file's order, but a reference of your
   * own first, since the others' labels are compared with its; returns the run as recorded.
   *
   * @throws IllegalArgumentException for a rung the ladder does not have
   */
  public RunReport run(LadderFile ladder, List<String> rungIds, LadderSettings settings, LadderListener listener,
      Cancellation cancel) {
    return run(ladder, ladder.select(rungIds), LadderVersion::byId, settings, listener, cancel);
  }

  private RunReport run(LadderFile ladder, List<RungSpec> selected, Function<String, LadderVersion> builtins,
      LadderSettings settings, LadderListener listener, Cancellation cancel) {
    cleanUpBefore();
    EngineInfo info = engine.info();
    Hardware hardware = engine.hardware();
    int engineCpus = hardware == null ? 0 : hardware.cpus();
    Limits limits = limits(ladder, settings, engineCpus);
    RungSpec reference = ladder.rung(ladder.reference()).orElseThrow();
    List<RungSpec> order = new ArrayList<>(selected);
    if (reference.kind() != RungSpec.Kind.BUILTIN && order.remove(reference)) {
      order.add(0, reference);
    }
    Prices prices = settings.replica().prices().isEmpty() ? ladder.prices() : settings.replica().prices();
    RunSetup setup = new RunSetup(ladder.name(), reference.id(), limits, settings.repeats(), null, null)
        .withPrices(prices);
    String runId = history.startRun(info, hardware, setup);
    listener.runStarted(runId, info, order.stream().map(RungSpec::id).toList());
    Outcome outcome = Outcome.COMPLETE;
    Path workDir = null;
    Rounds rounds = null;
    try {
      List<String> sentences = ladder.samples() == null ? parts.samples() : Samples.read(ladder.samples());
      RunContext run = new RunContext(engine, history, runId, settings.withLimits(limits), sentences, listener,
          cancel);
      workDir = scratch();
      rounds = new Rounds(run, reference, agreement(reference, builtins, sentences));
      rounds.place(placement(run, order.get(0).id(), engineCpus, workDir));
      setup = new RunSetup(ladder.name(), reference.id(), limits, settings.repeats(), rounds.placement().setup(),
          null).withPrices(prices);
      history.recordSetup(runId, setup);
      runRounds(run, rounds, order, builtins, workDir);
      if (rounds.floor() != null && rounds.floor().figures() != null) {
        history.recordSetup(runId, setup.withFloor(rounds.floor().figures()));
      }
      new PullRound(run, parts.layout(), workDir).measure();
      outcome = Outcome.of(rounds);
    } catch (CancellationException e) {
      outcome = new Outcome(RunStatus.CANCELLED, "stopped on request; its containers were removed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = new Outcome(RunStatus.CANCELLED, "interrupted; its containers were removed");
    } catch (DockerUnavailableException e) {
      outcome = new Outcome(RunStatus.FAILED, e.getMessage());
    } catch (IOException e) {
      outcome = new Outcome(RunStatus.FAILED, "cannot prepare the run: " + e.getMessage());
    } finally {
      if (rounds != null) {
        rounds.close(outcome.status() != RunStatus.COMPLETE);
      }
      WorkFolders.delete(workDir);
      history.finishRun(runId, outcome.status(), outcome.message());
    }
    return history.load(runId).orElseThrow();
  }

  /** Builds every rung and the floor, then starts each rung once per round, the floor first in every round. */
  private void runRounds(RunContext run, Rounds rounds, List<RungSpec> order,
      Function<String, LadderVersion> builtins, Path workDir) throws IOException {
    for (RungSpec rung : order) {
      run.cancel().check();
      LadderVersion version = rung.kind() == RungSpec.Kind.BUILTIN ? builtins.apply(rung.builtin()) : null;
      rounds.build(builds, rung, version, parts.models(), workDir);
    }
    if (run.settings().floor()) {
      FloorRung floor = new FloorRung(engine, run.runId(), order.get(0).id(), run.listener(), run.cancel());
      floor.build(builds, parts.layout(), workDir);
      rounds.floor(floor);
    }
    rounds.agreement().prepare();
    int round = 0;
    for (Repeats.Turn<RungSpec> turn : Repeats.roundRobin(order, run.settings().repeats())) {
      run.cancel().check();
      if (turn.round() != round) {
        round = turn.round();
        rounds.measureFloor();
      }
      rounds.measure(turn.rung(), turn.round());
    }
  }

  /**
   * The limits every rung runs under: the command's, else the ladder file's, else the defaults; with the load in a
   * sidecar, one CPU is the sidecar's where the engine has two or more.
   */
  private static Limits limits(LadderFile ladder, LadderSettings settings, int engineCpus) {
    boolean sidecar = LoadSetup.SIDECAR.equals(settings.placement());
    return settings.limits() != null ? settings.limits()
        : ladder.limits() != null ? ladder.limits()
        : Limits.defaults(sidecar && engineCpus >= 2 ? engineCpus - 1 : engineCpus);
  }

  /** Compares labels with a built-in reference's model (asked here) or with a reference of your own (served). */
  private Agreement agreement(RungSpec reference, Function<String, LadderVersion> builtins, List<String> sentences) {
    return new Agreement(reference, reference.kind() == RungSpec.Kind.BUILTIN
        ? () -> parts.referenceLabels().of(builtins.apply(reference.builtin()).modelId(), sentences) : null);
  }

  private Path scratch() throws IOException {
    try {
      return parts.work().create();
    } catch (IOException e) {
      throw new IOException("cannot make a scratch folder: " + e.getMessage(), e);
    }
  }

  /**
   * Where the run's load comes from: the sidecar, built now, or this process. The sidecar's progress shows on the
   * first rung's line.
   */
  private LoadPlacement placement(RunContext run, String firstRung, int engineCpus, Path workDir)
      throws IOException {
    if (!LoadSetup.SIDECAR.equals(run.settings().placement())) {
      return new HostLoad(engine);
    }
    LadderListener listener = run.listener();
    listener.phase(firstRung, "preparing the load sidecar", 0.005);
    SidecarLoad.buildImage(engine, parts.layout(), workDir, line -> listener.log(firstRung, line),
        status -> listener.phase(firstRung, "load sidecar: " + status, 0.005), run.cancel());
    return new SidecarLoad(engine, engineCpus, run.settings().limits().cpus(),
        Map.of(Labels.MANAGED, Labels.LADDER, Labels.RUN, run.runId()));
  }

  /** How a run ended, as recorded. */
  private record Outcome(RunStatus status, String message) {
    static final Outcome COMPLETE = new Outcome(RunStatus.COMPLETE, null);

    /** Failed when a rung failed; complete otherwise, naming what was skipped. */
    static Outcome of(Rounds rounds) {
      if (!rounds.failures().isEmpty()) {
        return new Outcome(RunStatus.FAILED, String.join("; ", rounds.failures()));
      }
      return rounds.skipped().isEmpty() ? COMPLETE : new Outcome(RunStatus.COMPLETE,
          String.join("; ", rounds.skipped()));
    }
  }

  /** What killed runs left: containers and images on the engine, scratch folders on this host. */
  private void cleanUpBefore() {
    engine.removeLeftovers();
    parts.work().stale().forEach(WorkFolders::delete);
  }

  /**
   * Builds a rung's image without running it: a built-in version, or a Dockerfile of your own.
   *
   * @return the image size in bytes
   * @throws IllegalArgumentException for an existing image, which is not built
   */
  public long buildOnly(RungSpec rung, LadderListener listener, Cancellation cancel) throws IOException {
    if (rung.kind() == RungSpec.Kind.IMAGE) {
      throw new IllegalArgumentException("'" + rung.id() + "' is an existing image: it is measured, not built");
    }
    cleanUpBefore();
    Path workDir = parts.work().create();
    try {
      Map<String, String> labels = Map.of(Labels.MANAGED, Labels.LADDER, Labels.VERSION, rung.id());
      if (rung.kind() == RungSpec.Kind.BUILTIN) {
        builds.builtIn(LadderVersion.byId(rung.builtin()), labels, workDir, listener, 1.0, cancel);
      } else {
        builds.dockerfile(rung, labels, workDir, listener, 1.0, cancel);
      }
      long bytes = engine.imageSize(rung.tag());
      listener.phase(rung.id(), String.format("built: %.1f MB", bytes / 1e6), 1.0);
      return bytes;
    } finally {
      WorkFolders.delete(workDir);
    }
  }
}
