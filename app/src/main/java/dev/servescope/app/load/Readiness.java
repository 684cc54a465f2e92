package dev.servescope.app.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * How a service became ready, as seen by a client polling it from its start: when it first accepted a connection,
 * first answered its health check with a 2xx, and first answered a prediction with 200 and a label. Times are the
 * wall clock of the machine the poll ran on, in nanoseconds since the epoch; null for what never happened.
 *
 * @param listeningNanos first answer of any kind
 * @param healthyNanos first 2xx from the health check
 * @param answeredNanos first 200 to a prediction (with a label, where one is asked for)
 * @param lastAnswer what the service said last, for a message when it never got ready
 * @param unlabelled a 200 answer without the label asked for: the probe is wrong, waiting longer will not help
 * @param steady the warm-up to steady state that followed the first answer; null when not asked for
 */
public record Readiness(
    @JsonProperty("listening_nanos") Long listeningNanos,
    @JsonProperty("healthy_nanos") Long healthyNanos,
    @JsonProperty("answered_nanos") Long answeredNanos,
    @JsonProperty("last_answer") String lastAnswer,
    String unlabelled,
    WarmUp steady) {

  /** The warm-up to steady state keeps latencies per second. */
  public static final Duration WINDOW = Duration.ofSeconds(1);

  /** A poll's readiness, not yet followed by a warm-up. */
  public Readiness(Long listeningNanos, Long healthyNanos, Long answeredNanos, String lastAnswer, String unlabelled) {
    this(listeningNanos, healthyNanos, answeredNanos, lastAnswer, unlabelled, null);
  }

  /**
   * How to wait for a service and follow it after.
   *
   * @param timeout the longest from its start to its first labelled answer
   * @param steadyWithin how long to follow the warm-up to steady state after the first answer; zero for not at all
   * @param ratePerSecond the warm-up's request rate
   */
  public record Plan(Duration timeout, Duration steadyWithin, double ratePerSecond) {
    /** Only the wait, no warm-up. */
    public static Plan waitOnly(Duration timeout) {
      return new Plan(timeout, Duration.ZERO, 1);
    }

    /** The longest the wait and the warm-up can take together. */
    public Duration length() {
      return timeout.plus(steadyWithin);
    }
  }

  /**
   * Waits as {@link #await} does, then, once ready and when the plan asks, follows the warm-up to steady state at
   * once (see {@link LoadGenerator#toSteady}), until {@code cancelled}.
   */
  public static Readiness awaitThenWarm(LoadGenerator load, String health, String body, String labelPointer,
      Plan plan, Check check, java.util.function.BooleanSupplier cancelled) throws InterruptedException {
    Readiness r = await(load, health, body, labelPointer, plan.timeout(), check);
    if (!r.ready() || plan.steadyWithin().isZero()) {
      return r;
    }
    WarmUp w = load.toSteady(plan.ratePerSecond(), WINDOW, plan.steadyWithin(), cancelled);
    return new Readiness(r.listeningNanos, r.healthyNanos, r.answeredNanos, r.lastAnswer, r.unlabelled, w);
  }

  private static final int ANSWER_CHARS = 300;
  private static final long POLL_MILLIS = 10;

  public boolean ready() {
    return answeredNanos != null;
  }

  /** Called between polls; throws to give up (a cancel, a container that stopped). */
  public interface Check {
    void between() throws InterruptedException;
  }

  /**
   * Polls {@code health} until it answers 2xx, then posts {@code body} until it answers 200 with a label at
   * {@code labelPointer} (null: any 200 will do), for at most {@code timeout}.
   */
  public static Readiness await(LoadGenerator load, String health, String body, String labelPointer,
      Duration timeout, Check check) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Long listening = null;
    Long healthy = null;
    String last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (healthy == null) {
          HttpConnection.Response h = load.get(health);
          listening = listening == null ? now() : listening;
          last = "GET " + health + " answered HTTP " + h.statusCode();
          healthy = h.statusCode() / 100 == 2 ? now() : null;
        }
        if (healthy != null) {
          HttpConnection.Response r = load.post(body);
          last = "POST answered HTTP " + r.statusCode() + ": " + clip(r.body());
          if (r.statusCode() == 200) {
            if (labelPointer != null && JsonLabel.at(labelPointer, r.body()).isEmpty()) {
              return new Readiness(listening, healthy, null, last, clip(r.body()));
            }
            return new Readiness(listening, healthy, now(), last, null);
          }
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      check.between();
      Thread.sleep(POLL_MILLIS);
    }
    return new Readiness(listening, healthy, null, last, null);
  }

  static long now() {
    Instant i = Instant.now();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static String clip(String s) {
    String one = s.strip().replaceAll("\\s+", " ");
    return one.length() <= ANSWER_CHARS ? one : one.substring(0, ANSWER_CHARS) + "...";
  }
}
