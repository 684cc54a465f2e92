package dev.servescope.inference.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.inference.InvalidInputException;
import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.classify.Predictor;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-process load counts only the window's predictions, uses every sentence and stops at its first failure. */
class InProcessLoadTest {

  private static final class Counting implements Predictor {
    final AtomicInteger calls = new AtomicInteger();
    final Set<String> seen = ConcurrentHashMap.newKeySet();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    volatile int failAt = -1;

    @Override
    public String modelId() {
      return "counting";
    }

    @Override
    public Prediction predict(String text) {
      int n = calls.incrementAndGet();
      if (n == failAt) {
        throw new InvalidInputException("call " + n + " failed");
      }
      seen.add(text);
      threads.add(Thread.currentThread().getName());
      try {
        Thread.sleep(1); // a fake that stalls on purpose: a prediction takes time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }
  }

  @Test
  void theWarmUpIsNotCountedAndEverySentenceAndCallerIsUsed() throws Exception {
    Counting p = new Counting();
    InProcessLoad.Result r = InProcessLoad.run(p, List.of("a", "b", "c"), 3, Duration.ofMillis(150),
        Duration.ofMillis(300));

    assertThat(r.callers()).isEqualTo(3);
    assertThat(r.predictions()).isPositive().isLessThan(p.calls.get());
    assertThat(r.seconds()).isGreaterThanOrEqualTo(0.3);
    assertThat(r.throughputPerSecond()).isEqualTo(r.predictions() / r.seconds());
    assertThat(p.seen).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(p.threads).hasSize(3);
    assertThat(r.json()).startsWith("{\"callers\":3,\"predictions\":" + r.predictions() + ",");
  }

  @Test
  void aFailingPredictionEndsTheLoadWithItsError() {
    Counting p = new Counting();
    p.failAt = 5;
    assertThatThrownBy(() -> InProcessLoad.run(p, List.of("a"), 2, Duration.ZERO, Duration.ofSeconds(20)))
        .isInstanceOf(InvalidInputException.class).hasMessage("call 5 failed");
    assertThat(p.calls.get()).as("the other caller stopped too").isLessThan(20);
  }

  @Test
  void nothingToSayOrNoOneToSayItIsRefused() {
    assertThatThrownBy(() -> InProcessLoad.run(new Counting(), List.of(), 1, Duration.ZERO, Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InProcessLoad.run(new Counting(), List.of("a"), 0, Duration.ZERO, Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
