package dev.servescope.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.inference.InvalidInputException;
import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.classify.Predictor;
import dev.servescope.inference.classify.Timings;
import dev.servescope.inference.server.PredictionServer;
import dev.servescope.inference.server.ServerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load generator against the real prediction server, with a predictor whose speed the test controls. */
class LoadGeneratorTest {
  private PredictionServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Answers at once, except that call number {@code stallAt} takes {@code stallMillis}. */
  private static Predictor predictor(int stallAt, long stallMillis) {
    AtomicInteger calls = new AtomicInteger();
    return new Predictor() {
      @Override
      public String modelId() {
        return "fake";
      }

      @Override
      public Prediction predict(String text) {
        if (text.isBlank()) {
          throw new InvalidInputException("text is empty");
        }
        if (calls.incrementAndGet() == stallAt) {
          try {
            Thread.sleep(stallMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return new Prediction("fake", "positive", 0.9, List.of("negative", "positive"), new double[] {0.1, 0.9},
            false, 5, new Timings(1, 1, 1, 3));
      }
    };
  }

  private URI start(Predictor p, int workers) throws Exception {
    server = PredictionServer.start(p, ServerConfig.loopback(0, workers));
    return URI.create("http://127.0.0.1:" + server.port() + "/prediction");
  }

  @Test
  void sendsAtTheGivenRateAndMeasuresThroughputWithConcurrentCallers() throws Exception {
    URI url = start(predictor(-1, 0), 2);
    try (LoadGenerator load = new LoadGenerator(url, List.of("{\"text\":\"one\"}", "{\"text\":\"two\"}"))) {
      assertThat(load.post("{\"text\":\"hello\"}").body()).contains("\"label\":\"positive\"");
      long start = System.nanoTime();
      LoadGenerator.OpenLoopResult open = load.openLoop(50, Duration.ofSeconds(1), () -> false);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
      assertThat(open.sent()).isEqualTo(50);
      assertThat(open.errors()).isZero();
      assertThat(open.latency().count()).isEqualTo(50);
      assertThat(load.throughput(3, Duration.ofMillis(500), () -> false)).isGreaterThan(50);
    }
  }

  @Test
  void aStallShowsInTheOpenLoopPercentiles() throws Exception {
    // One worker: while call 10 sleeps for 600 ms, the requests due after it wait in the server's queue. Their
    // latency counts from when they were due, so the stall is in the percentiles, not hidden by a waiting client.
    URI url = start(predictor(10, 600), 1);
    try (LoadGenerator load = new LoadGenerator(url, List.of("{\"text\":\"one\"}"))) {
      LoadGenerator.OpenLoopResult open = load.openLoop(50, Duration.ofSeconds(2), () -> false);
      assertThat(open.errors()).isZero();
      assertThat(open.latency().max()).isGreaterThanOrEqualTo(550);
      assertThat(open.latency().p90()).as("the requests queued behind the stall").isGreaterThanOrEqualTo(100);
      assertThat(open.latency().p50()).as("most requests are fast").isLessThan(100);
    }
  }

  @Test
  void errorAnswersAreCountedNotTimed() throws Exception {
    URI url = start(predictor(-1, 0), 2);
    try (LoadGenerator load = new LoadGenerator(url, List.of("{\"text\":\"  \"}"))) {
      LoadGenerator.OpenLoopResult open = load.openLoop(40, Duration.ofMillis(500), () -> false);
      assertThat(open.sent()).isEqualTo(20);
      assertThat(open.errors()).isEqualTo(20);
      assertThat(open.latency().count()).isZero();
      assertThat(load.post("{\"text\":\"\"}").statusCode()).isEqualTo(400);
    }
  }

  @Test
  void aCancelledRunStopsSending() throws Exception {
    URI url = start(predictor(-1, 0), 2);
    java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
    try (LoadGenerator load = new LoadGenerator(url, List.of("{\"text\":\"one\"}"))) {
      Thread canceller = after(300, () -> cancelled.set(true));
      long start = System.nanoTime();
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> load.openLoop(20, Duration.ofSeconds(30), cancelled::get))
          .isInstanceOf(java.util.concurrent.CancellationException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      canceller.join();
    }
  }

  @Test
  void aCancelThatClosesTheGeneratorMidRequestEndsTheWaitAtOnce() throws Exception {
    // As the ladder cancels: flag set and generator closed while a request hangs on a stalled server.
    URI url = start(predictor(3, 10_000), 1);
    java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
    LoadGenerator load = new LoadGenerator(url, List.of("{\"text\":\"one\"}"));
    Thread canceller = after(500, () -> {
      cancelled.set(true);
      load.close();
    });
    long start = System.nanoTime();
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> load.openLoop(20, Duration.ofSeconds(30), cancelled::get))
        .isInstanceOf(java.util.concurrent.CancellationException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    canceller.join();
  }

  /** Runs {@code action} on a thread of its own after a delay; the caller joins it. */
  private static Thread after(long millis, Runnable action) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      action.run();
    });
    t.start();
    return t;
  }
}
