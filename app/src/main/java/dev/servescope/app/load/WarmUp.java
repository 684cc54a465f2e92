package dev.servescope.app.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A warm-up to steady state, as the load generator saw it (see {@link SteadyState}).
 *
 * @param startedAtNanos when the first request was due, in nanoseconds since the epoch on the load generator's clock
 *     (the clock {@link Readiness} keeps too, so the two subtract)
 * @param windowMs each window's length
 * @param windows every window from the first, in order, until the loop stopped
 * @param steadyWindow the first of the steady windows; -1 when the service never settled within the limit
 * @param slowBeforeSteady answers before the steady windows slower than the steady windows' 99th percentile; 0 when
 *     never steady
 * @param errors requests that got no 200
 */
public record WarmUp(
    @JsonProperty("started_at_nanos") long startedAtNanos,
    @JsonProperty("window_ms") long windowMs,
    List<SteadyState.Window> windows,
    @JsonProperty("steady_window") int steadyWindow,
    @JsonProperty("slow_before_steady") int slowBeforeSteady,
    int errors) {

  public WarmUp {
    windows = List.copyOf(windows);
  }

  public boolean steady() {
    return steadyWindow >= 0;
  }

  /** Requests answered 200 in all. */
  public int answered() {
    return windows.stream().mapToInt(SteadyState.Window::count).sum();
  }

  /** From {@code firstAnswerNanos} (same clock) to the start of the steady windows; -1 when never steady. */
  public long timeToSteadyMs(long firstAnswerNanos) {
    if (!steady()) {
      return -1;
    }
    long gapMs = Math.max(0, (startedAtNanos - firstAnswerNanos) / 1_000_000);
    return gapMs + steadyWindow * windowMs;
  }
}
