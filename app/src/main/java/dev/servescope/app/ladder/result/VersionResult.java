package dev.servescope.app.ladder.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.servescope.app.ladder.ImageFigures;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.measure.ColdStart;
import java.util.List;
import java.util.Map;

/**
 * What one rung measured. Field names match the report's JSON.
 *
 * @param version the rung's id ({@code v1} ... {@code v5} for the built-in ladder)
 * @param image the image tag
 * @param model the built-in variant it serves; null for a rung of your own
 * @param buildSeconds wall time of the build
 * @param imageBytes image size
 * @param containerBytes container size once the server is ready (image plus writes)
 * @param containerRwBytes bytes the container wrote on top of the image
 * @param coldStartMs container start to first successful prediction
 * @param memoryBytes memory in use after the warm-up and the latency and throughput phases
 * @param latencyMs served latency percentiles at a fixed request rate (open loop)
 * @param throughputPerSecond successful predictions per second at the run's concurrency
 * @param labelAgreement share of sample sentences where the rung's label is the reference's (for a built-in
 *     reference, the label its model gives locally); null when it could not be measured (no label in the answers, a
 *     reference that did not run) or the rung is a reference of your own
 * @param layers per-layer sizes, newest first
 * @param wastedBytes bytes the image carries that no container can see; null when the image was not inspected
 * @param efficiency the image's efficiency (dive's score); null when not inspected
 * @param transferBytes the image's layers as gzip, what a registry moves; null when not inspected
 * @param servedAccuracy share of a labelled set the rung answered right through its API; null without one
 * @param sweep throughput and latency at rising concurrency; null without a sweep
 * @param coldStartBreakdownMs the cold start's phases, each the milliseconds since the one before (see
 *     {@link ColdStart}), the median of each over the repeats; null when not measured
 * @param repeats how many times cold start, latency and throughput were measured (each figure being the median);
 *     0 for runs recorded before ServeScope repeated
 * @param coldStartSpread the cold start's range over the repeats; null before ServeScope repeated
 * @param latencySpread each latency percentile's range over the repeats; null before ServeScope repeated
 * @param throughputSpread the throughput's range over the repeats; null before ServeScope repeated
 * @param noisy the figures whose spread is wider than {@link Spread#NOISY_WIDTH} of their median
 *     ({@code cold_start_ms}, {@code latency_ms.p50}, {@code latency_ms.p99}, {@code throughput_per_s}); empty when
 *     none is
 * @param coldStartVsFloor the cold start as a multiple of the floor's, measured in the same rounds; null without
 *     a floor
 * @param inProcessThroughputPerSecond the same model's throughput in the rung's own process, on the same CPUs with
 *     the same callers, without HTTP, measured after each round's served figures, the median over the rounds (see
 *     {@link #servedEfficiency()}); null for a rung of your own, or when not measured
 */
public record VersionResult(
    String version,
    String image,
    String model,
    @JsonProperty("build_seconds") double buildSeconds,
    @JsonProperty("image_bytes") long imageBytes,
    @JsonProperty("container_bytes") long containerBytes,
    @JsonProperty("container_rw_bytes") long containerRwBytes,
    @JsonProperty("cold_start_ms") long coldStartMs,
    @JsonProperty("memory_bytes") long memoryBytes,
    @JsonProperty("latency_ms") Percentiles latencyMs,
    @JsonProperty("throughput_per_s") double throughputPerSecond,
    @JsonProperty("label_agreement") Double labelAgreement,
    List<LayerSize> layers,
    @JsonProperty("wasted_bytes") Long wastedBytes,
    Double efficiency,
    @JsonProperty("transfer_bytes") Long transferBytes,
    @JsonProperty("served_accuracy") Double servedAccuracy,
    Sweep sweep,
    @JsonProperty("cold_start_breakdown_ms") Map<String, Long> coldStartBreakdownMs,
    int repeats,
    @JsonProperty("cold_start_spread") Spread coldStartSpread,
    @JsonProperty("latency_spread") LatencySpread latencySpread,
    @JsonProperty("throughput_spread") Spread throughputSpread,
    List<String> noisy,
    @JsonProperty("cold_start_vs_floor") Double coldStartVsFloor,
    @JsonProperty("in_process_throughput_per_s") Double inProcessThroughputPerSecond) {

  public VersionResult {
    noisy = noisy == null ? List.of() : List.copyOf(noisy);
  }

  /**
   * Served throughput as a share of in-process throughput: what the serving stack (HTTP, JSON, the engine's network)
   * leaves of the model's own speed; null when there is no in-process figure.
   */
  @JsonProperty(value = "served_efficiency", access = JsonProperty.Access.READ_ONLY)
  public Double servedEfficiency() {
    return inProcessThroughputPerSecond == null || inProcessThroughputPerSecond <= 0 ? null
        : Math.round(throughputPerSecond / inProcessThroughputPerSecond * 1000) / 1000.0;
  }

  /** A result without image inspection figures. */
  public VersionResult(String version, String image, String model, double buildSeconds, long imageBytes,
      long containerBytes, long containerRwBytes, long coldStartMs, long memoryBytes, Percentiles latencyMs,
      double throughputPerSecond, Double labelAgreement, List<LayerSize> layers) {
    this(version, image, model, buildSeconds, imageBytes, containerBytes, containerRwBytes, coldStartMs, memoryBytes,
        latencyMs, throughputPerSecond, labelAgreement, layers, null, null, null, null, null, null, 0, null, null, null,
        null, null, null);
  }

  /** The same result with what inspecting its image found. */
  public VersionResult withImage(ImageFigures f) {
    return f == null ? this : new VersionResult(version, image, model, buildSeconds, imageBytes, containerBytes,
        containerRwBytes, coldStartMs, memoryBytes, latencyMs, throughputPerSecond, labelAgreement, layers,
        f.wastedBytes(), f.efficiency(), f.transferBytes(), servedAccuracy, sweep, coldStartBreakdownMs, repeats,
        coldStartSpread, latencySpread, throughputSpread, noisy, coldStartVsFloor, inProcessThroughputPerSecond);
  }

  /** The same result with its served accuracy. */
  public VersionResult withServedAccuracy(Double accuracy) {
    return new VersionResult(version, image, model, buildSeconds, imageBytes, containerBytes, containerRwBytes,
        coldStartMs, memoryBytes, latencyMs, throughputPerSecond, labelAgreement, layers, wastedBytes, efficiency,
        transferBytes, accuracy, sweep, coldStartBreakdownMs, repeats, coldStartSpread, latencySpread,
        throughputSpread, noisy, coldStartVsFloor, inProcessThroughputPerSecond);
  }

  /** Whether a figure ({@code throughput_per_s}, {@code latency_ms.p50}...) was marked noisy. */
  public boolean isNoisy(String figure) {
    return noisy.contains(figure);
  }

  /**
   * Latency percentiles in milliseconds.
   *
   * @param p50 median
   * @param p90 90th percentile
   * @param p99 99th percentile
   */
  public record Percentiles(double p50, double p90, double p99) {}

  /** Each latency percentile's range over the repeats. */
  public record LatencySpread(Spread p50, Spread p90, Spread p99) {}
}
