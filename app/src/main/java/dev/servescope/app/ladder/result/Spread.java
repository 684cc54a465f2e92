package dev.servescope.app.ladder.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The range of one figure over a run's repeats. The figure itself is their median.
 *
 * @param min the lowest repeat
 * @param max the highest repeat
 */
public record Spread(double min, double max) {
  /**
   * A spread wider than this share of its median marks the figure noisy: on a shared machine whose speed drifts by
   * a few percent between minutes, a fifth is more than drift.
   */
  public static final double NOISY_WIDTH = 0.20;

  public Spread {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " above max " + max);
    }
  }

  /** The lowest and highest of the values. */
  public static Spread of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    return new Spread(Collections.min(values), Collections.max(values));
  }

  /** The median: the middle value, or the mean of the two middle ones. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Max minus min as a share of {@code median}; 0 for a zero median with no width. */
  public double width(double median) {
    double w = max - min;
    return w == 0 ? 0 : median == 0 ? Double.POSITIVE_INFINITY : w / Math.abs(median);
  }

  /** Whether the spread is wider than {@link #NOISY_WIDTH} of {@code median}. */
  public boolean noisy(double median) {
    return width(median) > NOISY_WIDTH;
  }
}
