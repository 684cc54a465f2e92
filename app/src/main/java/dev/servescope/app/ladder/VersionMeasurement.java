package dev.servescope.app.ladder;

import dev.servescope.app.load.HttpConnection;
import dev.servescope.app.load.LoadGenerator;
import dev.servescope.inference.bench.LatencySummary;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Measures one started container: cold start (start to first successful prediction), sizes, memory after a warm-up,
 * open-loop latency, closed-loop throughput and label agreement with the local classifier.
 */
final class VersionMeasurement {
  static final long READY_TIMEOUT_MS = 300_000;

  /**
   * What a container measured, before the build's figures are added.
   *
   * @param coldStartMs container start to the first successful prediction
   */
  record Served(long coldStartMs, ContainerSize size, long memoryBytes, VersionResult.Percentiles latency,
      double throughput, double agreement) {}

  /** Progress of one version, 0 to 1. */
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

  Served measure(String container, LoadGenerator load, long startNanos, List<String> expectedLabels,
      Progress progress, Consumer<String> log) throws IOException {
    try {
      long coldStartMs = waitReady(container, load, Probe.SERVESCOPE.body(samples.get(0)), startNanos);
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
      progress.phase("label agreement", 0.96);
      double agreement = agreement(load, expectedLabels);
      LatencySummary l = open.latency();
      return new Served(coldStartMs, size, memory, new VersionResult.Percentiles(l.p50(), l.p90(), l.p99()),
          throughput, agreement);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
  }

  /** Polls with a real prediction until one succeeds; milliseconds since the container was started. */
  private long waitReady(String container, LoadGenerator load, String body, long startNanos)
      throws InterruptedException {
    long deadline = startNanos + READY_TIMEOUT_MS * 1_000_000;
    int polls = 0;
    while (System.nanoTime() < deadline) {
      cancel.check();
      try {
        if (load.post(body).statusCode() == 200) {
          return (System.nanoTime() - startNanos) / 1_000_000;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      if (++polls % 20 == 0 && !engine.isRunning(container)) {
        throw new IllegalStateException("the container exited before serving; its last output:\n"
            + engine.logTail(container, 20));
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no prediction within " + READY_TIMEOUT_MS / 1000 + " s; last output:\n"
        + engine.logTail(container, 20));
  }

  /** Share of sample sentences where the image's label equals the expected one. */
  private double agreement(LoadGenerator load, List<String> expected) throws IOException {
    int same = 0;
    for (int i = 0; i < samples.size(); i++) {
      cancel.check();
      HttpConnection.Response r = load.post(Probe.SERVESCOPE.body(samples.get(i)));
      if (r.statusCode() == 200 && Probe.SERVESCOPE.labelOf(r.body()).filter(expected.get(i)::equals).isPresent()) {
        same++;
      }
    }
    return (double) same / samples.size();
  }
}
