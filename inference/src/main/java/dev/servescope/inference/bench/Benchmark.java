package dev.servescope.inference.bench;

import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.classify.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * Benchmarks one classifier on a list of sentences: warm-up, then end-to-end latency with its breakdown, the bare
 * {@code session.run} on the same inputs, and throughput with several concurrent callers. Not for concurrent use.
 */
public final class Benchmark {

  /** Receives progress: phase name, done, total. */
  public interface Progress {
    void update(String phase, int done, int total);
  }

  private final Classifier classifier;
  private final List<String> inputs;
  private final int threads;
  private List<Tokens> tokens;

  /**
   * @param classifier an open classifier (not closed by the benchmark)
   * @param inputs sentences, cycled through
   * @param threads the classifier's intra-op threads, for the report
   */
  public Benchmark(Classifier classifier, List<String> inputs, int threads) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no input sentences to benchmark");
    }
    this.classifier = classifier;
    this.inputs = List.copyOf(inputs);
    this.threads = threads;
  }

  /**
   * Runs all phases.
   *
   * @param cancelled polled between predictions; when it turns true the run stops with
   *     {@link CancellationException}
   */
  public BenchReport run(BenchConfig config, Progress progress, BooleanSupplier cancelled) {
    int phaseTotal = config.warmup() + config.iterations();
    warmUp(config.warmup(), progress, phaseTotal, cancelled);
    Timings timings = new Timings();
    for (int i = 0; i < config.iterations(); i++) {
      check(cancelled);
      timings.sample(i);
      progress.update("latency", config.warmup() + i + 1, phaseTotal);
    }
    double throughput = throughput(config, progress, cancelled);
    return new BenchReport(classifier.variant().id(), threads, config, LatencySummary.of(timings.tokenize),
        LatencySummary.of(timings.inference), LatencySummary.of(timings.total), LatencySummary.of(timings.bare),
        throughput, bins(timings.total, 12));
  }

  /** Untimed predictions over the inputs in turn, so that the JIT and ONNX Runtime's arenas settle. */
  public void warmUp(int predictions, BooleanSupplier cancelled) {
    warmUp(predictions, (phase, done, total) -> { }, predictions, cancelled);
  }

  private void warmUp(int predictions, Progress progress, int phaseTotal, BooleanSupplier cancelled) {
    for (int i = 0; i < predictions; i++) {
      check(cancelled);
      classifier.predict(inputs.get(i % inputs.size()));
      progress.update("warm-up", i + 1, phaseTotal);
    }
  }

  /**
   * What one timed pass over every input measured.
   *
   * @param tokenize tokenizer time per prediction
   * @param total end-to-end time per prediction
   * @param bareRun bare {@code session.run} on the same inputs
   */
  public record Pass(LatencySummary tokenize, LatencySummary total, LatencySummary bareRun) {}

  /**
   * One timed pass over every input, in order: a prediction and a bare run of each. For a comparison with another
   * runtime that takes turns with this one pass by pass, so that both see the same moments of a shared machine;
   * separate runs of several seconds each drift apart by more than the difference sought.
   */
  public Pass pass() {
    Timings timings = new Timings();
    for (int i = 0; i < inputs.size(); i++) {
      timings.sample(i);
    }
    return new Pass(LatencySummary.of(timings.tokenize), LatencySummary.of(timings.total),
        LatencySummary.of(timings.bare));
  }

  /** The latency phase's histograms; {@link #sample} adds one input's prediction and bare run. */
  private final class Timings {
    final Histogram tokenize = LatencySummary.newHistogram();
    final Histogram inference = LatencySummary.newHistogram();
    final Histogram total = LatencySummary.newHistogram();
    final Histogram bare = LatencySummary.newHistogram();

    void sample(int i) {
      // A prediction and a bare session.run on the same input, back to back and taking turns at going first, so
      // that neither gets the caches the other warmed.
      Prediction p;
      Tokens t = tokens().get(i % inputs.size());
      if (i % 2 == 0) {
        p = classifier.predict(inputs.get(i % inputs.size()));
        LatencySummary.recordNanos(bare, classifier.encoder().timeBareRun(t));
      } else {
        LatencySummary.recordNanos(bare, classifier.encoder().timeBareRun(t));
        p = classifier.predict(inputs.get(i % inputs.size()));
      }
      LatencySummary.recordNanos(tokenize, p.timings().tokenizeNanos());
      LatencySummary.recordNanos(inference, p.timings().inferenceNanos());
      LatencySummary.recordNanos(total, p.timings().totalNanos());
    }
  }

  /** The inputs tokenized once, for the bare runs. */
  private List<Tokens> tokens() {
    if (tokens == null) {
      tokens = inputs.stream().map(classifier.encoder()::tokenize).toList();
    }
    return tokens;
  }

  /** Equal-width bins from the fastest sample to the 99.9th percentile; slower samples go in the last bin. */
  static List<BenchReport.Bin> bins(Histogram micros, int count) {
    long lo = micros.getMinValue();
    long hi = Math.max(lo + count, micros.getValueAtPercentile(99.9));
    double width = (hi - lo) / (double) count;
    long[] counts = new long[count];
    for (org.HdrHistogram.HistogramIterationValue v : micros.recordedValues()) {
      int b = (int) Math.min(count - 1, Math.max(0, (v.getValueIteratedTo() - lo) / width));
      counts[b] += v.getCountAtValueIteratedTo();
    }
    List<BenchReport.Bin> out = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      out.add(new BenchReport.Bin((lo + b * width) / 1000.0, (lo + (b + 1) * width) / 1000.0, counts[b]));
    }
    return out;
  }

  private double throughput(BenchConfig config, Progress progress, BooleanSupplier cancelled) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(config.concurrency(), r -> {
      Thread t = new Thread(r, "bench-caller");
      t.setDaemon(true);
      return t;
    });
    try {
      long start = System.nanoTime();
      List<Future<?>> callers = new ArrayList<>();
      for (int c = 0; c < config.concurrency(); c++) {
        callers.add(pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < config.iterations() && !cancelled.getAsBoolean()) {
            classifier.predict(inputs.get(i % inputs.size()));
            progress.update("throughput", done.incrementAndGet(), config.iterations());
          }
        }));
      }
      for (Future<?> f : callers) {
        f.get();
      }
      check(cancelled);
      double seconds = (System.nanoTime() - start) / 1e9;
      return done.get() / seconds;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("benchmark interrupted");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void check(BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("benchmark cancelled");
    }
  }
}
