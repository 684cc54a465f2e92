package dev.servescope.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoolingTest {
  // Three tokens of width 2; the third is padding.
  private static final float[] TOKENS = {1, 2, 3, 6, 100, 100};
  private static final long[] MASK = {1, 1, 0};

  @Test
  void meanAveragesOnlyUnmaskedTokens() {
    assertThat(Pooling.MEAN.pool(TOKENS, 3, 2, MASK)).containsExactly(2f, 4f);
  }

  @Test
  void clsTakesTheFirstToken() {
    assertThat(Pooling.CLS.pool(TOKENS, 3, 2, MASK)).containsExactly(1f, 2f);
  }

  @Test
  void meanRejectsAnEmptyMask() {
    assertThatThrownBy(() -> Pooling.MEAN.pool(TOKENS, 3, 2, new long[] {0, 0, 0}))
        .hasMessageContaining("no tokens");
  }

  @Test
  void rejectsABlockOfTheWrongSize() {
    assertThatThrownBy(() -> Pooling.MEAN.pool(new float[5], 3, 2, MASK)).hasMessageContaining("3 x 2");
  }

  @Test
  void normalizeGivesUnitLength() {
    float[] v = Pooling.normalize(new float[] {3, 4});
    assertThat(v[0]).isCloseTo(0.6f, within(1e-6f));
    assertThat(v[1]).isCloseTo(0.8f, within(1e-6f));
    assertThat(Pooling.normalize(new float[] {0, 0})).containsExactly(0f, 0f);
  }
}
