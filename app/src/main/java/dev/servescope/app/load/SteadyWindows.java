package dev.servescope.app.load;

import dev.servescope.inference.bench.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A warm-up's latencies kept per window of their requests' due time, and the steady state found in the windows whose
 * requests have all come back.
 */
final class SteadyWindows {
  private final long windowNanos;
  private final int max;
  private final List<Histogram> histograms = new ArrayList<>();
  private final List<List<CompletableFuture<Void>>> inFlight = new ArrayList<>();
  private final List<SteadyState.Window> complete = new ArrayList<>();
  private final AtomicInteger errors = new AtomicInteger();

  /**
   * @param windowNanos each window's length
   * @param max the most windows the loop may fill
   */
  SteadyWindows(long windowNanos, int max) {
    this.windowNanos = windowNanos;
    this.max = Math.max(SteadyState.WINDOWS, max);
  }

  /** The window of a request due {@code sinceStartNanos} after the first; {@link #max()} or more when past it. */
  int indexOf(long sinceStartNanos) {
    return (int) (sinceStartNanos / windowNanos);
  }

  int max() {
    return max;
  }

  /** The histogram a request of window {@code w} records into. */
  Histogram histogram(int w) {
    while (histograms.size() <= w) {
      histograms.add(new ConcurrentHistogram(3));
      inFlight.add(new ArrayList<>());
    }
    return histograms.get(w);
  }

  void add(int w, CompletableFuture<Void> request) {
    histogram(w);
    inFlight.get(w).add(request);
  }

  void error() {
    errors.incrementAndGet();
  }

  /** Whether the windows before {@code w} whose requests have all come back already hold a steady run. */
  boolean steadyBefore(int w) {
    while (complete.size() < Math.min(w, histograms.size())
        && inFlight.get(complete.size()).stream().allMatch(CompletableFuture::isDone)) {
      complete.add(window(histograms.get(complete.size())));
    }
    return SteadyState.firstSteady(complete) >= 0;
  }

  List<CompletableFuture<Void>> all() {
    return inFlight.stream().flatMap(List::stream).toList();
  }

  /** The first {@code kept} windows (all of them when there are fewer), once all requests are back. */
  WarmUp result(long startedAtNanos, int kept) {
    List<Histogram> whole = histograms.subList(0, Math.min(kept, histograms.size()));
    List<SteadyState.Window> windows = whole.stream().map(SteadyWindows::window).toList();
    int steady = SteadyState.firstSteady(windows);
    int slow = 0;
    if (steady >= 0) {
      Histogram merged = new Histogram(3);
      whole.subList(steady, steady + SteadyState.WINDOWS).forEach(merged::add);
      long above = merged.highestEquivalentValue(merged.getValueAtPercentile(99)) + 1;
      for (Histogram h : whole.subList(0, steady)) {
        if (h.getTotalCount() > 0 && h.getMaxValue() >= above) {
          slow += (int) h.getCountBetweenValues(above, h.getMaxValue());
        }
      }
    }
    return new WarmUp(startedAtNanos, windowNanos / 1_000_000, windows, steady, slow, errors.get());
  }

  private static SteadyState.Window window(Histogram h) {
    LatencySummary s = LatencySummary.of(h);
    return new SteadyState.Window((int) h.getTotalCount(), s.p50(), s.p99());
  }
}
