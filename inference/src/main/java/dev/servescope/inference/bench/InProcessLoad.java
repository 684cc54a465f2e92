package dev.servescope.inference.bench;

import dev.servescope.inference.classify.Predictor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on a predictor in this very process: {@code callers} threads, each asking for the next sentence's
 * prediction as soon as its last one returned, through a warm-up and then a measured window. It is what a served
 * rung's throughput is held against (its served efficiency): the same model, CPUs and callers, without HTTP, JSON or
 * a load generator in between. Bounded by the two durations.
 */
public final class InProcessLoad {

  /**
   * What the window measured.
   *
   * @param callers concurrent callers
   * @param predictions predictions finished inside the window
   * @param seconds the window's length as measured
   * @param throughputPerSecond predictions per second
   */
  public record Result(int callers, long predictions, double seconds, double throughputPerSecond) {
    /** One JSON object, as the ladder reads it from a container's log. */
    public String json() {
      return String.format(Locale.ROOT, "{\"callers\":%d,\"predictions\":%d,\"seconds\":%.3f,"
          + "\"throughput_per_s\":%.2f}", callers, predictions, seconds, throughputPerSecond);
    }
  }

  private InProcessLoad() {}

  /** Runs the load; predictions that fail count as not done, and the first failure ends the run. */
  public static Result run(Predictor predictor, List<String> sentences, int callers, Duration warmup,
      Duration window) throws InterruptedException {
    if (sentences.isEmpty() || callers < 1) {
      throw new IllegalArgumentException("need at least one sentence and one caller");
    }
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + window.toNanos();
    AtomicLong done = new AtomicLong();
    AtomicLong next = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int c = 0; c < callers; c++) {
      Thread t = new Thread(() -> {
        try {
          long now;
          while ((now = System.nanoTime()) < end && failures.isEmpty()) {
            predictor.predict(sentences.get((int) (next.getAndIncrement() % sentences.size())));
            if (now >= measureFrom) {
              done.incrementAndGet();
            }
          }
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }, "in-process-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    double seconds = (Math.max(System.nanoTime(), end) - measureFrom) / 1e9;
    return new Result(callers, done.get(), seconds, done.get() / seconds);
  }
}
