package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.ContainerSize;
import dev.servescope.app.ladder.ContainerTimes;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.result.Sweep;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.result.Warmup;
import dev.servescope.app.load.HttpConnection;
import dev.servescope.app.load.LoadGenerator;
import dev.servescope.app.load.Phases;
import dev.servescope.app.load.Readiness;
import dev.servescope.app.load.SteadyState;
import dev.servescope.app.load.WarmUp;
import dev.servescope.inference.bench.LatencySummary;
import dev.servescope.inference.train.LabeledText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Measures one started pod (see {@link LoadPlacement}): its cold start from the engine's times, the server's log and
 * the load generator's polls; then, after a warm-up, open-loop latency and closed-loop throughput. The first repeat
 * of a rung also measures what does not change between starts: sizes, memory after the load, the sweep, the labels
 * of the sample sentences and the served accuracy.
 */
public final class VersionMeasurement {
  /** A fresh client's own warm-up before each sweep level. */
  private static final java.time.Duration SWEEP_CLIENT_WARMUP = java.time.Duration.ofSeconds(1);

  /**
   * What one start of a container measured.
   *
   * @param coldStart creation to the first prediction, broken down
   * @param size null on repeats after the first
   * @param memoryBytes memory after the warm-up and the load; 0 on repeats after the first
   * @param labels per sample sentence, the label it served as the reference would say it; null entries where an
   *     answer had none; null when the probe names no label or on repeats after the first
   * @param servedAccuracy null without a labelled set or on repeats after the first
   * @param sweep null without a sweep or on repeats after the first
   * @param warmup the warm-up to steady state after the first answer; null when not followed
   * @param cpu the service's CPU time under the load and at rest
   */
  public record Served(ColdStart coldStart, ContainerSize size, long memoryBytes, VersionResult.Percentiles latency,
      double throughput, List<String> labels, Double servedAccuracy, Sweep sweep, Warmup.Start warmup, Cpu cpu) {}

  /**
   * The service container's CPU time.
   *
   * @param msPerPrediction over the load phases, per answer; null when the engine gave no CPU time
   * @param idleMsPerS at rest after the load, per second; null when not watched (repeats after the first)
   */
  public record Cpu(Double msPerPrediction, Double idleMsPerS) {
    public static final Cpu NONE = new Cpu(null, null);
  }

  /** Progress of one rung, 0 to 1. */
  public interface Progress {
    void phase(String phase, double fraction);
  }

  private final ContainerEngine engine;
  private final LadderSettings settings;
  private final List<String> samples;
  private final Cancellation cancel;

  public VersionMeasurement(ContainerEngine engine, LadderSettings settings, List<String> samples,
      Cancellation cancel) {
    this.engine = engine;
    this.settings = settings;
    this.samples = samples;
    this.cancel = cancel;
  }

  /**
   * @param first whether this is the rung's first start, which measures everything
   */
  public Served measure(Pod pod, RungSpec rung, boolean first, Progress progress, Consumer<String> log) {
    try {
      ColdStart coldStart = coldStart(pod, rung);
      log.accept("first prediction " + coldStart.totalMs() + " ms after the container was created "
          + coldStart.phasesMs());
      ServiceDriver driver = pod.driver();
      ContainerSize size = null;
      if (first) {
        progress.phase("measuring the container", 0.68);
        size = engine.containerSize(pod.server());
      }
      long memory = 0;
      ContainerEngine.CpuTime before = cpuTime(pod, log);
      Phases phases = driver.measure(plan(), phase -> announce(phase, progress));
      ContainerEngine.CpuTime after = cpuTime(pod, log);
      Double idle = null;
      if (first) {
        memory = engine.memoryUsage(pod.server());
        idle = idleCpu(pod, after, progress, log);
      }
      Cpu cpu = new Cpu(perPrediction(before, after, phases.answered()), idle);
      Warmup.Start warmup = warmup(pod.readiness(), log);
      LoadGenerator.OpenLoopResult open = phases.latency();
      if (open.errors() > 0) {
        log.accept(open.errors() + " of " + open.sent() + " requests failed during the latency phase");
      }
      double throughput = phases.throughput().throughput();
      log.accept(String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms at %s requests/s; %.1f requests/s with %d"
          + " callers", open.latency().p50(), open.latency().p99(), settings.ratePerSecond(), throughput,
          settings.concurrency()));
      LatencySummary l = open.latency();
      VersionResult.Percentiles latency = new VersionResult.Percentiles(l.p50(), l.p90(), l.p99());
      if (!first) {
        return new Served(coldStart, null, 0, latency, throughput, null, null, null, warmup, cpu);
      }
      Sweep sweep = settings.sweep().isEmpty() ? null : sweep(driver, progress, log);
      List<String> labels = null;
      if (rung.probe().label() != null) {
        progress.phase("labels of " + samples.size() + " sentences", 0.96);
        labels = labels(rung, driver, samples);
      }
      Double accuracy = servedAccuracy(rung, driver, progress, log);
      return new Served(coldStart, size, memory, latency, throughput, labels, accuracy, sweep, warmup, cpu);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
  }

  private void announce(String phase, Progress progress) {
    switch (phase) {
      case Phases.WARMUP -> progress.phase("warming up (" + settings.warmup().toSeconds() + " s at "
          + settings.concurrency() + " callers)", 0.70);
      case Phases.LATENCY -> progress.phase("latency at " + settings.ratePerSecond() + " requests/s", 0.74);
      default -> progress.phase("throughput with " + settings.concurrency() + " callers", 0.84);
    }
  }

  /** The served accuracy on the labelled set; null without one or without a label in the answers. */
  private Double servedAccuracy(RungSpec rung, ServiceDriver driver, Progress progress, Consumer<String> log)
      throws InterruptedException {
    if (settings.labelled().isEmpty()) {
      return null;
    }
    if (rung.probe().label() == null) {
      log.accept("served accuracy not measured: the probe names no label");
      return null;
    }
    progress.phase("served accuracy on " + settings.labelled().size() + " labelled sentences", 0.97);
    double accuracy = servedAccuracy(rung, driver);
    log.accept(String.format(Locale.ROOT, "served accuracy %.4f on %d labelled sentences", accuracy,
        settings.labelled().size()));
    return accuracy;
  }

  private Phases.Plan plan() {
    return new Phases.Plan(settings.warmup(), settings.concurrency(), settings.ratePerSecond(),
        settings.duration());
  }

  /** The service's CPU time now; null, said in the log, when the engine cannot tell. */
  private ContainerEngine.CpuTime cpuTime(Pod pod, Consumer<String> log) {
    try {
      return engine.cpuTime(pod.server());
    } catch (IllegalStateException e) {
      log.accept("CPU time not measured: " + e.getMessage());
      return null;
    }
  }

  /** CPU milliseconds per answer between two readings; null when either is missing or nothing was answered. */
  static Double perPrediction(ContainerEngine.CpuTime before, ContainerEngine.CpuTime after, long answered) {
    if (before == null || after == null || answered <= 0 || after.nanos() < before.nanos()) {
      return null;
    }
    return Math.round((after.nanos() - before.nanos()) / 1e6 / answered * 1000) / 1000.0;
  }

  /** CPU milliseconds per second at rest, watched for the settings' idle span from {@code start}; null if unread. */
  private Double idleCpu(Pod pod, ContainerEngine.CpuTime start, Progress progress, Consumer<String> log)
      throws InterruptedException {
    java.time.Duration span = settings.replica().idle();
    if (span.isZero() || start == null) {
      return null;
    }
    progress.phase("CPU at rest for " + span.toSeconds() + " s", 0.87);
    cancel.rest(span);
    ContainerEngine.CpuTime end = cpuTime(pod, log);
    if (end == null) {
      return null;
    }
    double seconds = java.time.Duration.between(start.readAt(), end.readAt()).toNanos() / 1e9;
    if (seconds <= 0 || end.nanos() < start.nanos()) {
      return null;
    }
    double msPerS = (end.nanos() - start.nanos()) / 1e6 / seconds;
    log.accept(String.format(Locale.ROOT, "at rest: %.2f CPU ms per second", msPerS));
    return Math.round(msPerS * 100) / 100.0;
  }

  /** One start's warm-up, from the readiness poll's first answer; null when not followed. */
  private Warmup.Start warmup(Readiness ready, Consumer<String> log) {
    WarmUp w = ready.steady();
    if (w == null || ready.answeredNanos() == null) {
      return null;
    }
    long ms = w.timeToSteadyMs(ready.answeredNanos());
    log.accept(ms < 0 ? "no steady state within " + w.windows().size() + " windows of " + w.windowMs() + " ms"
        : "steady " + ms + " ms after the first answer; " + w.slowBeforeSteady()
            + " answers before it slower than the steady p99");
    return new Warmup.Start(ms, w.slowBeforeSteady(), settings.replica().steadyWithin().toMillis(), w.windowMs(),
        w.windows().stream().map(SteadyState.Window::p50).toList(),
        settings.replica().steadyRateOr(settings.ratePerSecond()));
  }

  /**
   * The pod's cold start: the engine's creation and start times, the server's "model loaded" log line when it prints
   * one, and the readiness poll's milestones. Fails, saying what it waited for and the container's last log lines,
   * when the pod never got ready.
   */
  private ColdStart coldStart(Pod pod, RungSpec rung) {
    return coldStart(engine, pod, rung.probe(), settings.readyTimeout());
  }

  /** A started pod's cold start; throws, saying what it waited for, when the pod never got ready. */
  public static ColdStart coldStart(ContainerEngine engine, Pod pod, Probe probe, java.time.Duration readyTimeout) {
    Readiness r = pod.readiness();
    if (!r.ready()) {
      throw new IllegalStateException(notReady(probe, r, readyTimeout) + "; last container log lines:\n"
          + engine.logTail(pod.server(), Pod.LOG_LINES));
    }
    ContainerTimes times = engine.times(pod.server());
    Map<String, Long> milestones = new LinkedHashMap<>();
    milestones.put(ColdStart.CREATED, ColdStart.nanos(times.created()));
    milestones.put(ColdStart.STARTED, times.started() == null ? null : ColdStart.nanos(times.started()));
    milestones.put(ColdStart.MODEL_LOADED, engine.firstLogLine(pod.server(), ColdStart.MODEL_LOADED_LINE)
        .map(ColdStart::nanos).orElse(null));
    milestones.put(ColdStart.LISTENING, r.listeningNanos());
    milestones.put(ColdStart.HEALTHY, r.healthyNanos());
    milestones.put(ColdStart.FIRST_PREDICTION, r.answeredNanos());
    return ColdStart.of(milestones);
  }

  /** What a service that never got ready did, in the probe's words. */
  private static String notReady(Probe probe, Readiness r, java.time.Duration readyTimeout) {
    if (r.unlabelled() != null) {
      return "POST :" + probe.port() + probe.predict() + " answered 200 but with no label at " + probe.label()
          + " (is 'label:' the JSON Pointer to it?); the answer: " + r.unlabelled();
    }
    long seconds = readyTimeout.toSeconds();
    if (r.healthyNanos() != null) {
      return "GET :" + probe.port() + probe.health() + " answers, but no 200 from POST :" + probe.port()
          + probe.predict() + " within " + seconds + " s (" + r.lastAnswer() + ")";
    }
    return "no 2xx from GET :" + probe.port() + probe.health() + " within " + seconds + " s"
        + (r.lastAnswer() == null ? " (nothing listening)" : " (" + r.lastAnswer() + ")");
  }

  /** The label of every sentence, as the reference would say it; null where an answer had none. */
  private List<String> labels(RungSpec rung, ServiceDriver driver, List<String> sentences)
      throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (HttpConnection.Response r : driver.answers(sentences.stream().map(rung.probe()::body).toList())) {
      out.add(r.statusCode() == 200 ? rung.probe().labelOf(r.body()).map(rung::normalizeLabel).orElse(null) : null);
    }
    return out;
  }

  /** Each concurrency level for half the phase duration, stopping once more callers only queue. */
  private Sweep sweep(ServiceDriver driver, Progress progress, Consumer<String> log) throws InterruptedException {
    List<Sweep.Point> points = new ArrayList<>();
    java.time.Duration each = settings.duration().dividedBy(2);
    for (int c : settings.sweep()) {
      progress.phase("sweep: " + c + (c == 1 ? " caller" : " callers"), 0.90);
      LoadGenerator.ClosedLoopResult r = driver.closedLoop(c, each, SWEEP_CLIENT_WARMUP);
      points.add(new Sweep.Point(c, Math.round(r.throughput() * 10) / 10.0, r.latency().p50(), r.latency().p99()));
      log.accept(String.format(Locale.ROOT, "sweep: %d callers, %.1f req/s, p50 %.1f ms, p99 %.1f ms", c,
          r.throughput(), r.latency().p50(), r.latency().p99()));
      if (Sweep.saturated(points, settings.sloMs())) {
        break;
      }
    }
    return Sweep.of(settings.sloMs(), points);
  }

  /** Share of the labelled set the rung labels right, asked one sentence at a time through its API. */
  private double servedAccuracy(RungSpec rung, ServiceDriver driver) throws InterruptedException {
    List<LabeledText> set = settings.labelled();
    List<String> said = labels(rung, driver, set.stream().map(LabeledText::text).toList());
    int right = 0;
    for (int i = 0; i < set.size(); i++) {
      if (LadderSettings.LABEL_NAMES.get(set.get(i).label()).equals(said.get(i))) {
        right++;
      }
    }
    return (double) right / set.size();
  }
}
