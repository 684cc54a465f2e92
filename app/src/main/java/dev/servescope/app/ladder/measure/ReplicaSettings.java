package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.file.Bandwidth;
import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.file.Registry;
import java.time.Duration;
import java.util.List;

/**
 * What a new replica's figures are measured and priced with.
 *
 * @param steadyWithin how long the warm-up to steady state is followed after the first answer; zero for not at all
 * @param idle how long the service is watched at rest after the load, for its idle CPU; zero for not at all
 * @param prices the user's prices for the dollar figures; {@link Prices#NONE} for none
 * @param bandwidths each rung's image is pulled onto an empty node once per bandwidth; empty for no pulls
 * @param steadyRate requests per second of the warm-up to steady state; 0 for the latency phase's rate
 * @param registry the user's registry the images go through for the pulls; null for ServeScope's own, inside the
 *     empty node, removed with it
 */
public record ReplicaSettings(Duration steadyWithin, Duration idle, Prices prices, List<Bandwidth> bandwidths,
    double steadyRate, Registry registry) {
  /** The warm-up a ladder run follows unless told otherwise. */
  public static final Duration DEFAULT_STEADY_WITHIN = Duration.ofSeconds(30);
  /** How long a rung is watched at rest. */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(5);
  public static final Duration MAX_STEADY_WITHIN = Duration.ofMinutes(10);

  /** The bandwidth pulls are measured at unless told otherwise. */
  public static final Bandwidth DEFAULT_BANDWIDTH = Bandwidth.parse("1gbit");

  public static final ReplicaSettings NONE = new ReplicaSettings(Duration.ZERO, Duration.ZERO, Prices.NONE);
  public static final ReplicaSettings DEFAULTS = new ReplicaSettings(DEFAULT_STEADY_WITHIN, DEFAULT_IDLE,
      Prices.NONE, List.of(DEFAULT_BANDWIDTH), 0, null);

  /** No pulls. */
  public ReplicaSettings(Duration steadyWithin, Duration idle, Prices prices) {
    this(steadyWithin, idle, prices, List.of(), 0, null);
  }

  /** The warm-up at the latency phase's rate. */
  public ReplicaSettings(Duration steadyWithin, Duration idle, Prices prices, List<Bandwidth> bandwidths) {
    this(steadyWithin, idle, prices, bandwidths, 0, null);
  }

  public ReplicaSettings {
    if (steadyWithin.isNegative() || steadyWithin.compareTo(MAX_STEADY_WITHIN) > 0) {
      throw new IllegalArgumentException("the warm-up to steady state is followed for 0 s to "
          + MAX_STEADY_WITHIN.toMinutes() + " minutes, not " + steadyWithin.toSeconds() + " s");
    }
    if (!steadyWithin.isZero() && steadyWithin.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new IllegalArgumentException("steady state needs three 1 s windows: follow the warm-up for at least 3 s");
    }
    if (idle.isNegative() || idle.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("the idle watch lasts 0 s to a minute");
    }
    if (prices == null) {
      throw new IllegalArgumentException("no prices: use Prices.NONE");
    }
    bandwidths = List.copyOf(bandwidths);
    if (!(steadyRate >= 0 && steadyRate <= 100_000)) {
      throw new IllegalArgumentException("the warm-up's rate is 0 (the latency phase's) to 100000 requests a second,"
          + " not " + steadyRate);
    }
    if (bandwidths.stream().map(Bandwidth::name).distinct().count() < bandwidths.size()) {
      throw new IllegalArgumentException("a bandwidth is named twice");
    }
    if (registry != null && bandwidths.isEmpty()) {
      throw new IllegalArgumentException("a registry is for the pulls: give it with a bandwidth, not --bandwidth off");
    }
  }

  public ReplicaSettings withPrices(Prices p) {
    return new ReplicaSettings(steadyWithin, idle, p, bandwidths, steadyRate, registry);
  }

  public ReplicaSettings withSteadyWithin(Duration d) {
    return new ReplicaSettings(d, idle, prices, bandwidths, steadyRate, registry);
  }

  public ReplicaSettings withBandwidths(List<Bandwidth> b) {
    return new ReplicaSettings(steadyWithin, idle, prices, b, steadyRate, registry);
  }

  /** The warm-up's rate given a latency phase's: its own when set. */
  public double steadyRateOr(double latencyRate) {
    return steadyRate > 0 ? steadyRate : latencyRate;
  }
}
