package dev.servescope.app.ladder.file;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The limits one rung (or {@code all}) must keep, for {@code servescope check}. Every limit is optional.
 *
 * @param imageMb image size at most, decimal MB
 * @param containerGrowthMb bytes the running container writes on top of its image, at most
 * @param coldStartMs container start to first prediction, at most
 * @param p99Ms served latency p99, at most
 * @param minThroughput served predictions per second, at least
 * @param minAgreement share of sample sentences labelled like the reference rung, at least
 * @param maxRegressionPct worse than the baseline run by at most this much, on size, cold start, p99 and throughput
 * @param maxWastedMb bytes the image carries that no container can see (removed or overwritten by a later layer), at
 *     most
 * @param minEfficiency the image's efficiency (dive's score, 0 to 1), at least
 * @param maxColdStartVsFloor the cold start as a multiple of the floor's (an empty static server's), at most
 * @param minServedEfficiency served throughput as a share of the same model's in process (0 to 1), at least
 * @param maxTimeToSteadyMs from the first answer to steady serving, at most; a rung that never settled fails it
 * @param maxCpuMsPerPrediction the service's CPU time per answer under load, at most
 * @param maxUsdPerMillion dollars per million predictions at the run's prices, at most; fails without prices
 * @param maxPullMs per bandwidth ({@code 1gbit: 20000}), the pull onto an empty node at most; fails when the run did
 *     not pull at that bandwidth
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Budget(Double imageMb, Double containerGrowthMb, Double coldStartMs, Double p99Ms, Double minThroughput,
    Double minAgreement, Double maxRegressionPct, Double maxWastedMb, Double minEfficiency, Double maxColdStartVsFloor,
    Double minServedEfficiency, Double maxTimeToSteadyMs, Double maxCpuMsPerPrediction, Double maxUsdPerMillion,
    java.util.Map<String, Double> maxPullMs) {

  public static final Budget NONE = new Budget(null, null, null, null, null, null, null, null, null, null, null, null,
      null, null, null);

  /** The limits of before image inspection. */
  public Budget(Double imageMb, Double containerGrowthMb, Double coldStartMs, Double p99Ms, Double minThroughput,
      Double minAgreement, Double maxRegressionPct) {
    this(imageMb, containerGrowthMb, coldStartMs, p99Ms, minThroughput, minAgreement, maxRegressionPct, null, null,
        null, null, null, null, null, null);
  }

  /** These limits, with {@code fallback}'s where this one sets none. */
  Budget over(Budget fallback) {
    return new Budget(pick(imageMb, fallback.imageMb), pick(containerGrowthMb, fallback.containerGrowthMb),
        pick(coldStartMs, fallback.coldStartMs), pick(p99Ms, fallback.p99Ms),
        pick(minThroughput, fallback.minThroughput), pick(minAgreement, fallback.minAgreement),
        pick(maxRegressionPct, fallback.maxRegressionPct), pick(maxWastedMb, fallback.maxWastedMb),
        pick(minEfficiency, fallback.minEfficiency), pick(maxColdStartVsFloor, fallback.maxColdStartVsFloor),
        pick(minServedEfficiency, fallback.minServedEfficiency), pick(maxTimeToSteadyMs, fallback.maxTimeToSteadyMs),
        pick(maxCpuMsPerPrediction, fallback.maxCpuMsPerPrediction), pick(maxUsdPerMillion, fallback.maxUsdPerMillion),
        maxPullMs != null ? maxPullMs : fallback.maxPullMs);
  }

  private static Double pick(Double own, Double fallback) {
    return own != null ? own : fallback;
  }
}
