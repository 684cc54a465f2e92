package dev.servescope.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SoftmaxTest {

  @Test
  void matchesHandComputedValues() {
    // e^0 / (e^0 + e^ln3) = 1/4
    double[] p = Softmax.of(new double[] {0, Math.log(3)});
    assertThat(p[0]).isCloseTo(0.25, within(1e-12));
    assertThat(p[1]).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void staysFiniteForHugeLogits() {
    double[] p = Softmax.of(new double[] {1000, 1000, -1000});
    assertThat(p[0]).isCloseTo(0.5, within(1e-12));
    assertThat(p[2]).isZero();
  }

  @Test
  void twoClassSoftmaxOfSymmetricLogitsIsTheSigmoid() {
    double z = 1.7;
    double[] p = Softmax.of(new double[] {-z / 2, z / 2});
    assertThat(p[1]).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-12));
  }

  @Test
  void argmaxTakesTheFirstOfEqualValues() {
    assertThat(Softmax.argmax(new double[] {0.2, 0.7, 0.7, 0.1})).isEqualTo(1);
  }

  @Test
  void rejectsNoLogits() {
    assertThatThrownBy(() -> Softmax.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
  }
}
