package dev.servescope.app.ladder.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.servescope.app.ladder.file.Prices;

/**
 * What a rung costs in dollars at the prices the user stated (GB = 10^9 bytes). Each figure is null when a price or
 * a figure it needs is missing.
 *
 * @param perMillionPredictions CPU time per answer at the CPU-hour price, plus, with a memory price, the rung's
 *     memory held for the time one answer takes at its measured throughput
 * @param per1000Pulls the image's bytes on the wire (what a pull moved when measured, else the layers' gzip size) at
 *     the egress price
 * @param perMonthStored the image's layers as a registry keeps them (gzip) at the storage price
 */
public record Dollars(
    @JsonProperty("usd_per_million_predictions") Double perMillionPredictions,
    @JsonProperty("usd_per_1000_pulls") Double per1000Pulls,
    @JsonProperty("usd_per_month_stored") Double perMonthStored) {

  private static final double GB = 1e9;
  private static final double MS_PER_HOUR = 3_600_000.0;

  public static Dollars of(VersionResult r, Prices p) {
    return new Dollars(perMillion(r, p), per1000Pulls(r, p), perMonthStored(r, p));
  }

  private static Double perMillion(VersionResult r, Prices p) {
    if (p.cpuHour() == null || r.cpuMsPerPrediction() == null) {
      return null;
    }
    double perPrediction = r.cpuMsPerPrediction() / MS_PER_HOUR * p.cpuHour();
    if (p.memGbHour() != null && r.throughputPerSecond() > 0 && r.memoryBytes() > 0) {
      double holdMs = 1000 / r.throughputPerSecond();
      perPrediction += r.memoryBytes() / GB * holdMs / MS_PER_HOUR * p.memGbHour();
    }
    return cents(perPrediction * 1e6);
  }

  private static Double per1000Pulls(VersionResult r, Prices p) {
    Long bytes = r.pull() != null && r.pull().pulledBytes() != null ? r.pull().pulledBytes() : r.transferBytes();
    return p.egressGb() == null || bytes == null ? null : cents(bytes / GB * p.egressGb() * 1000);
  }

  private static Double perMonthStored(VersionResult r, Prices p) {
    Long bytes = r.transferBytes();
    return p.gbMonth() == null || bytes == null ? null : cents(bytes / GB * p.gbMonth());
  }

  /** Rounded to a hundredth of a cent: these are small sums compared between rungs. */
  private static double cents(double usd) {
    return Math.round(usd * 10_000) / 10_000.0;
  }
}
