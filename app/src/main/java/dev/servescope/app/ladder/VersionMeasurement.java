package dev.servescope.app.ladder;

import dev.servescope.app.load.HttpConnection;
import dev.servescope.app.load.LoadGenerator;
import dev.servescope.inference.bench.LatencySummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Measures one started container through its {@link Probe}: cold start (start to the first prediction with a label),
 * sizes, memory after a warm-up, open-loop latency, closed-loop throughput and the label of every sample sentence.
 */
final class VersionMeasurement {
  private static final int LOG_LINES = 20;
  private static final int ANSWER_CHARS = 300;

  /**
   * What a container measured, before the build's figures are added.
   *
   * @param coldStartMs container start to the first successful prediction
   * @param labels per sample sentence, the label it served as the reference would say it; null entries where an
   *     answer had none; null when the probe names no label
   */
  record Served(long coldStartMs, ContainerSize size, long memoryBytes, VersionResult.Percentiles latency,
      double throughput, List<String> labels, Double servedAccuracy, Sweep sweep) {}

  /** Progress of one rung, 0 to 1. */
  interface Progress {
    void phase(String phase, double fraction);
  }

  private final ContainerEngine engine;
  private final LadderSettings settings;
  private final List<String> samples;
  private final Cancellation cancel;

  VersionMeasurement(ContainerEngine engine, LadderSettings settings, List<String> samples, Cancellation cancel) {
    this.engine = engine;
    this.settings = settings;
    this.samples = samples;
    this.cancel = cancel;
  }

  Served measure(String container, RungSpec rung, LoadGenerator load, long startNanos, Progress progress,
      Consumer<String> log) throws IOException {
    try {
      long coldStartMs = waitReady(container, rung, load, startNanos);
      log.accept("first prediction " + coldStartMs + " ms after start");
      progress.phase("measuring the container", 0.68);
      ContainerSize size = engine.containerSize(container);
      if (!settings.warmup().isZero()) {
        progress.phase("warming up (" + settings.warmup().toSeconds() + " s at " + settings.concurrency()
            + " callers)", 0.70);
        load.throughput(settings.concurrency(), settings.warmup(), cancel::isCancelled);
      }
      long memory = engine.memoryUsage(container);
      progress.phase("latency at " + settings.ratePerSecond() + " requests/s", 0.72);
      LoadGenerator.OpenLoopResult open = load.openLoop(settings.ratePerSecond(), settings.duration(),
          cancel::isCancelled);
      if (open.errors() > 0) {
        log.accept(open.errors() + " of " + open.sent() + " requests failed during the latency phase");
      }
      progress.phase("throughput with " + settings.concurrency() + " callers", 0.84);
      double throughput = load.throughput(settings.concurrency(), settings.duration(), cancel::isCancelled);
      Sweep sweep = settings.sweep().isEmpty() ? null : sweep(load, progress, log);
      List<String> labels = null;
      if (rung.probe().label() != null) {
        progress.phase("labels of " + samples.size() + " sentences", 0.96);
        labels = labels(rung, load);
      }
      Double accuracy = null;
      if (!settings.labelled().isEmpty()) {
        if (rung.probe().label() == null) {
          log.accept("served accuracy not measured: the probe names no label");
        } else {
          progress.phase("served accuracy on " + settings.labelled().size() + " labelled sentences", 0.97);
          accuracy = servedAccuracy(rung, load);
          log.accept(String.format(java.util.Locale.ROOT, "served accuracy %.4f on %d labelled sentences", accuracy,
              settings.labelled().size()));
        }
      }
      LatencySummary l = open.latency();
      return new Served(coldStartMs, size, memory, new VersionResult.Percentiles(l.p50(), l.p90(), l.p99()),
          throughput, labels, accuracy, sweep);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
  }

  /**
   * Waits for a 2xx from the health check, then for a prediction that answers 200 (with a label where the probe names
   * one); milliseconds since the container was started. Fails with what the service last said and the container's
   * last log lines.
   */
  private long waitReady(String container, RungSpec rung, LoadGenerator load, long startNanos)
      throws InterruptedException {
    Probe probe = rung.probe();
    long deadline = startNanos + settings.readyTimeout().toNanos();
    String body = probe.body(samples.get(0));
    boolean healthy = false;
    String lastAnswer = null;
    int polls = 0;
    while (System.nanoTime() < deadline) {
      cancel.check();
      try {
        if (!healthy) {
          HttpConnection.Response h = load.get(probe.health());
          healthy = h.statusCode() / 100 == 2;
          lastAnswer = "GET " + probe.health() + " answered HTTP " + h.statusCode();
        }
        if (healthy) {
          HttpConnection.Response r = load.post(body);
          lastAnswer = "POST " + probe.predict() + " answered HTTP " + r.statusCode() + ": " + clip(r.body());
          if (r.statusCode() == 200) {
            if (probe.label() != null && probe.labelOf(r.body()).isEmpty()) {
              throw new IllegalStateException("POST :" + probe.port() + probe.predict() + " answered 200 but with no"
                  + " label at " + probe.label() + " (is 'label:' the JSON Pointer to it?); the answer: "
                  + clip(r.body()));
            }
            return (System.nanoTime() - startNanos) / 1_000_000;
          }
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      if (++polls % 20 == 0 && !engine.isRunning(container)) {
        throw new IllegalStateException("the container stopped (" + engine.exitSummary(container)
            + ") before it answered; last container log lines:\n" + engine.logTail(container, LOG_LINES));
      }
      Thread.sleep(20);
    }
    long seconds = settings.readyTimeout().toSeconds();
    String what = healthy
        ? "GET :" + probe.port() + probe.health() + " answers, but no 200 from POST :" + probe.port()
            + probe.predict() + " within " + seconds + " s (" + lastAnswer + ")"
        : "no 2xx from GET :" + probe.port() + probe.health() + " within " + seconds + " s"
            + (lastAnswer == null ? " (nothing listening)" : " (" + lastAnswer + ")");
    throw new IllegalStateException(what + "; last container log lines:\n" + engine.logTail(container, LOG_LINES));
  }

  /** The label of every sample sentence, as the reference would say it. */
  private List<String> labels(RungSpec rung, LoadGenerator load) throws IOException {
    List<String> out = new ArrayList<>();
    for (String s : samples) {
      cancel.check();
      HttpConnection.Response r = load.post(rung.probe().body(s));
      out.add(r.statusCode() == 200 ? rung.probe().labelOf(r.body()).map(rung::normalizeLabel).orElse(null) : null);
    }
    return out;
  }

  /** Each concurrency level for half the phase duration, stopping once more callers only queue. */
  private Sweep sweep(LoadGenerator load, Progress progress, Consumer<String> log) throws InterruptedException {
    List<Sweep.Point> points = new java.util.ArrayList<>();
    java.time.Duration each = settings.duration().dividedBy(2);
    for (int c : settings.sweep()) {
      progress.phase("sweep: " + c + (c == 1 ? " caller" : " callers"), 0.90);
      LoadGenerator.ClosedLoopResult r = load.closedLoop(c, each, cancel::isCancelled);
      points.add(new Sweep.Point(c, Math.round(r.throughput() * 10) / 10.0, r.latency().p50(), r.latency().p99()));
      log.accept(String.format(java.util.Locale.ROOT, "sweep: %d callers, %.1f req/s, p50 %.1f ms, p99 %.1f ms", c,
          r.throughput(), r.latency().p50(), r.latency().p99()));
      if (Sweep.saturated(points, settings.sloMs())) {
        break;
      }
    }
    return Sweep.of(settings.sloMs(), points);
  }

  /** Share of the labelled set the rung labels right, asked one sentence at a time through its API. */
  private double servedAccuracy(RungSpec rung, LoadGenerator load) throws IOException {
    int right = 0;
    for (dev.servescope.inference.train.LabeledText t : settings.labelled()) {
      cancel.check();
      HttpConnection.Response r = load.post(rung.probe().body(t.text()));
      String said = r.statusCode() == 200 ? rung.probe().labelOf(r.body()).map(rung::normalizeLabel).orElse(null)
          : null;
      if (LadderSettings.LABEL_NAMES.get(t.label()).equals(said)) {
        right++;
      }
    }
    return (double) right / settings.labelled().size();
  }

  private static String clip(String s) {
    String one = s.strip().replaceAll("\\s+", " ");
    return one.length() <= ANSWER_CHARS ? one : one.substring(0, ANSWER_CHARS) + "...";
  }
}
