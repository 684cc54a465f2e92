package dev.servescope.inference.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void accuracyAndMacroF1FromAConfusionMatrix() {
    // gold:      1 1 1 1 0 0
    // predicted: 1 1 1 0 0 1  -> tp(1)=3, fn(1)=1, fp(1)=1; tp(0)=1, fn(0)=1, fp(0)=1
    Metrics m = Metrics.of(new int[] {1, 1, 1, 1, 0, 0}, new int[] {1, 1, 1, 0, 0, 1});
    assertThat(m.examples()).isEqualTo(6);
    assertThat(m.accuracy()).isCloseTo(4.0 / 6, within(1e-12));
    double f1Pos = 2.0 * 3 / (2 * 3 + 1 + 1);
    double f1Neg = 2.0 * 1 / (2 * 1 + 1 + 1);
    assertThat(m.macroF1()).isCloseTo((f1Pos + f1Neg) / 2, within(1e-12));
  }
}
