package dev.servescope.app.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.inference.InvalidInputException;
import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.classify.Predictor;
import dev.servescope.inference.classify.Timings;
import dev.servescope.inference.server.PredictionServer;
import dev.servescope.inference.server.ServerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

  /** A predictor that answers at once, except that call number {@code stallAt} stalls; it counts its calls. */
  private static final class Scripted implements Predictor {
    final AtomicInteger calls = new AtomicInteger();
    /** Counted down when the stalling call begins. */
    final CountDownLatch stalled = new CountDownLatch(1);
    /** Set once the stalling call has ended. */
    final AtomicBoolean stallOver = new AtomicBoolean();
    private final int stallAt;
    private final long stallMillis;

    Scripted(int stallAt, long stallMillis) {
      this.stallAt = stallAt;
      this.stallMillis = stallMillis;
    }

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
        stalled.countDown();
        try {
          Thread.sleep(stallMillis); // a fake that stalls on purpose
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        stallOver.set(true);
      }
      return new Prediction("fake", "positive", 0.9, List.of("negative", "positive"), new double[] {0.1, 0.9},
          false, 5, new Timings(1, 1, 1, 3));
    }
  }

  /** A clock the open loop steps through: waiting until a time jumps there at once, and is recorded. */
  private static final class SteppedClock implements Ticker {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final List<Long> waitedUntil = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
      return now.get();
    }

    @Override
    public void sleepUntil(long nanos) {
      waitedUntil.add(nanos - 1_000_000_000L);
      now.accumulateAndGet(nanos, Math::max);
    }
  }

  private URI start(Predictor p, int workers) throws Exception {
    server = PredictionServer.start(p, ServerConfig.loopback(0, workers));
    return URI.create("http://127.0.0.1:" + server.port() + "/prediction");
  }

  @Test
  void requestsLeaveOnTheScheduleOfTheRateAndCallersMeasureThroughput() throws Exception {
    Scripted predictor = new Scripted(-1, 0);
    URI url = start(predictor, 2);
    SteppedClock clock = new SteppedClock();
    try (LoadGenerator load = new LoadGenerator(url, List.of("{\"text\":\"one\"}", "{\"text\":\"two\"}"), clock)) {
      assertThat(load.post("{\"text\":\"hello\"}").body()).contains("\"label\":\"positive\"");
      LoadGenerator.OpenLoopResult open = load.openLoop(50, Duration.ofSeconds(1), () -> false);
      // 50 a second for a second: one request every 20 ms, each sent when due, none early, none skipped.
      assertThat(clock.waitedUntil).hasSize(50);
      for (int i = 0; i < 50; i++) {
        assertThat(clock.waitedUntil.get(i)).as("request %d due", i).isEqualTo(i * 20_000_000L);
      }
      assertThat(open.sent()).isEqualTo(50);
      assertThat(open.errors()).isZero();
      assertThat(open.latency().count()).isEqualTo(50);
      assertThat(predictor.calls.get()).as("the server saw each one").isEqualTo(51);
      assertThat(load.throughput(3, Duration.ofMillis(500), () -> false)).isGreaterThan(50);
    }
  }

  @Test
  void aStallShowsInTheOpenLoopPercentiles() throws Exception {
    // One worker: while call 10 stalls for 600 ms, the requests due after it wait in the server's queue. Their
    // latency counts from when they were due, so the stall is in the percentiles, not hidden by a waiting client.
    URI url = start(new Scripted(10, 600), 1);
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
    URI url = start(new Scripted(-1, 0), 2);
    try (LoadGenerator load = new LoadGenerator(url, List.of("{\"text\":\"  \"}"), new SteppedClock())) {
      LoadGenerator.OpenLoopResult open = load.openLoop(40, Duration.ofMillis(500), () -> false);
      assertThat(open.sent()).isEqualTo(20);
      assertThat(open.errors()).isEqualTo(20);
      assertThat(open.latency().count()).isZero();
      assertThat(load.post("{\"text\":\"\"}").statusCode()).isEqualTo(400);
    }
  }

  @Test
  void aCancelledRunStopsSending() throws Exception {
    Scripted predictor = new Scripted(-1, 0);
    URI url = start(predictor, 2);
    try (LoadGenerator load = new LoadGenerator(url, List.of("{\"text\":\"one\"}"))) {
      // Cancelled once the server has answered five: 30 s at 20 a second would be 600.
      assertThatThrownBy(() -> load.openLoop(20, Duration.ofSeconds(30), () -> predictor.calls.get() >= 5))
          .isInstanceOf(CancellationException.class);
      assertThat(predictor.calls.get()).as("sending stopped at the cancel, far short of 600").isBetween(5, 50);
    }
  }

  @Test
  void aCancelThatClosesTheGeneratorMidRequestEndsTheWaitAtOnce() throws Exception {
    // As the ladder cancels: flag set and generator closed while a request hangs on a stalled server.
    Scripted predictor = new Scripted(3, 10_000);
    URI url = start(predictor, 1);
    AtomicBoolean cancelled = new AtomicBoolean();
    LoadGenerator load = new LoadGenerator(url, List.of("{\"text\":\"one\"}"));
    Thread canceller = new Thread(() -> {
      try {
        if (predictor.stalled.await(30, TimeUnit.SECONDS)) {
          cancelled.set(true);
          load.close();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    canceller.start();
    assertThatThrownBy(() -> load.openLoop(20, Duration.ofSeconds(30), cancelled::get))
        .isInstanceOf(CancellationException.class);
    assertThat(predictor.stallOver.get()).as("the wait ended while the request still hung").isFalse();
    canceller.join();
  }
}
