package dev.servescope.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.inference.bench.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** perf_analyzer's stability rule on made-up windows, and the warm-up's accounting around it. */
class SteadyStateTest {

  private static List<SteadyState.Window> p50s(double... ms) {
    return DoubleStream.of(ms).mapToObj(p -> new SteadyState.Window(20, p, p * 1.5)).toList();
  }

  @Test
  void aServiceThatSpeedsUpSettlesAtTheFirstOfThreeAgreeingWindows() {
    // A JIT-compiling server: slower and uneven for eleven windows, then within 10% from the twelfth (index 11) on.
    List<SteadyState.Window> w = p50s(40, 31, 25, 22, 19, 16, 14, 12.5, 11.4, 10.9, 10.2, 9.1, 9.6, 9.9, 9.4, 9.7);
    assertThat(SteadyState.firstSteady(w)).isEqualTo(11);
  }

  @Test
  void windowsThatNeverAgreeNeverSettle() {
    assertThat(SteadyState.firstSteady(p50s(10, 12, 10, 12, 10, 12, 10, 12))).isEqualTo(-1);
    assertThat(SteadyState.firstSteady(p50s(9, 9))).as("fewer than three windows").isEqualTo(-1);
  }

  @Test
  void aServiceThatSettlesAndThenDriftsIsSteadyFromWhereItFirstSettled() {
    // Steady at 5 ms from window 2; later a GC-heavy stretch drifts upwards. The warm-up ended where it settled.
    assertThat(SteadyState.firstSteady(p50s(20, 9, 5.0, 5.2, 5.1, 7, 9, 12, 15))).isEqualTo(2);
  }

  @Test
  void tenPercentIsTheEdgeAndAnEmptyWindowBreaksARun() {
    assertThat(SteadyState.firstSteady(p50s(10, 11, 10.5))).isZero();
    assertThat(SteadyState.firstSteady(p50s(10, 11.01, 10.5))).isEqualTo(-1);
    List<SteadyState.Window> gap = new ArrayList<>(p50s(10, 10, 10));
    gap.set(1, new SteadyState.Window(0, 0, 0));
    assertThat(SteadyState.firstSteady(gap)).as("a window with no answers is not steady").isEqualTo(-1);
  }

  @Test
  void theWarmUpCountsAnswersBeforeTheSteadyWindowsSlowerThanTheirP99() {
    SteadyWindows windows = new SteadyWindows(1_000_000_000L, 10);
    record(windows, 0, 50, 45, 30, 12, 9);
    record(windows, 1, 20, 14, 13, 12, 9);
    record(windows, 2, 10, 10, 10, 11, 10);
    record(windows, 3, 10, 10, 11, 10, 10);
    record(windows, 4, 10, 11, 10, 10, 10);
    record(windows, 5, 40);   // the first answer of a window just begun when the loop stopped: not a window
    assertThat(windows.steadyBefore(5)).isTrue();
    WarmUp w = windows.result(5_000_000_000L, 5);
    assertThat(w.steadyWindow()).isEqualTo(2);
    assertThat(w.windows()).hasSize(5);
    assertThat(w.answered()).isEqualTo(25);
    // The steady p99 is 11 ms: all but the 9 ms answer of each earlier window were slower.
    assertThat(w.slowBeforeSteady()).isEqualTo(8);
    // Started 1.5 s after the first answer; steady from the third window, 2 s in.
    assertThat(w.timeToSteadyMs(3_500_000_000L)).isEqualTo(3_500);
  }

  @Test
  void windowsWhoseRequestsAreStillOutAreNotJudgedYet() {
    SteadyWindows windows = new SteadyWindows(1_000_000_000L, 10);
    for (int w = 0; w < 3; w++) {
      record(windows, w, 10, 10, 10);
    }
    CompletableFuture<Void> pending = new CompletableFuture<>();
    windows.add(1, pending);
    assertThat(windows.steadyBefore(3)).as("window 1 still waits for an answer").isFalse();
    pending.complete(null);
    assertThat(windows.steadyBefore(3)).isTrue();
  }

  @Test
  void aServiceThatNeverAnswersWellHasNoSteadyStateAndNoTimeToIt() {
    SteadyWindows windows = new SteadyWindows(1_000_000_000L, 4);
    for (int w = 0; w < 4; w++) {
      windows.histogram(w);
      windows.error();
    }
    WarmUp w = windows.result(0, 4);
    assertThat(w.steady()).isFalse();
    assertThat(w.timeToSteadyMs(0)).isEqualTo(-1);
    assertThat(w.errors()).isEqualTo(4);
    assertThat(w.slowBeforeSteady()).isZero();
  }

  private static void record(SteadyWindows windows, int w, double... ms) {
    for (double m : ms) {
      LatencySummary.recordNanos(windows.histogram(w), (long) (m * 1_000_000));
      windows.add(w, CompletableFuture.completedFuture(null));
    }
  }
}
