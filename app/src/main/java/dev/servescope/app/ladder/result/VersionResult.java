package dev.servescope.app.ladder.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.servescope.app.ladder.ImageFigures;
import dev.servescope.app.ladder.LayerSize;
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
 *     {@code measure.ColdStart}), the median of each over the repeats; null when not measured
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
 * @param warmup from the first answer to steady serving; null when not measured
 * @param cpuMsPerPrediction the service container's CPU time over the load phases divided by the answers it gave
 *     in them, the median over the starts; null when not measured
 * @param idleCpuMsPerS the service container's CPU time at rest after the load, per second: what its background
 *     threads cost; null when not measured
 * @param pull the image pulled onto an empty node, per bandwidth; null when not measured
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
    @JsonProperty("in_process_throughput_per_s") Double inProcessThroughputPerSecond,
    Warmup warmup,
    @JsonProperty("cpu_ms_per_prediction") Double cpuMsPerPrediction,
    @JsonProperty("idle_cpu_ms_per_s") Double idleCpuMsPerS,
    Pull pull) {

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

  /**
   * What a new replica takes before it serves at its steady speed, per bandwidth: the pull, the cold start and the
   * warm-up to steady state; empty without a pull or a settled warm-up.
   */
  @JsonProperty(value = "new_replica_ms", access = JsonProperty.Access.READ_ONLY)
  public Map<String, Long> newReplicaMs() {
    if (pull == null || warmup == null || warmup.timeToSteadyMs() == null) {
      return Map.of();
    }
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    pull.pullMs().forEach((bandwidth, ms) -> out.put(bandwidth, ms + coldStartMs + warmup.timeToSteadyMs()));
    return out;
  }

  /** A result of rung {@code version} (image {@code image}) to fill in; every other figure starts unmeasured. */
  public static Builder builder(String version, String image) {
    return new Builder(version, image);
  }

  /** A builder holding this result's figures, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
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

  /**
   * Builds a {@link VersionResult} figure by figure, so that call sites name what they set: the record has too many
   * components to pass by position.
   */
  public static final class Builder {
    private final String version;
    private final String image;
    private String model;
    private double buildSeconds;
    private long imageBytes;
    private long containerBytes;
    private long containerRwBytes;
    private long coldStartMs;
    private long memoryBytes;
    private Percentiles latencyMs = new Percentiles(0, 0, 0);
    private double throughputPerSecond;
    private Double labelAgreement;
    private List<LayerSize> layers = List.of();
    private ImageFigures imageFigures;
    private Double servedAccuracy;
    private Sweep sweep;
    private Map<String, Long> coldStartBreakdownMs;
    private int repeats;
    private Spread coldStartSpread;
    private LatencySpread latencySpread;
    private Spread throughputSpread;
    private List<String> noisy = List.of();
    private Double coldStartVsFloor;
    private Double inProcessThroughputPerSecond;
    private Warmup warmup;
    private Double cpuMsPerPrediction;
    private Double idleCpuMsPerS;
    private Pull pull;

    private Builder(String version, String image) {
      this.version = version;
      this.image = image;
    }

    private Builder(VersionResult r) {
      this(r.version, r.image);
      model = r.model;
      buildSeconds = r.buildSeconds;
      imageBytes = r.imageBytes;
      containerBytes = r.containerBytes;
      containerRwBytes = r.containerRwBytes;
      coldStartMs = r.coldStartMs;
      memoryBytes = r.memoryBytes;
      latencyMs = r.latencyMs;
      throughputPerSecond = r.throughputPerSecond;
      labelAgreement = r.labelAgreement;
      layers = r.layers;
      imageFigures = r.wastedBytes == null || r.efficiency == null || r.transferBytes == null ? null
          : new ImageFigures(r.wastedBytes, r.efficiency, r.transferBytes);
      servedAccuracy = r.servedAccuracy;
      sweep = r.sweep;
      coldStartBreakdownMs = r.coldStartBreakdownMs;
      repeats = r.repeats;
      coldStartSpread = r.coldStartSpread;
      latencySpread = r.latencySpread;
      throughputSpread = r.throughputSpread;
      noisy = r.noisy;
      coldStartVsFloor = r.coldStartVsFloor;
      inProcessThroughputPerSecond = r.inProcessThroughputPerSecond;
      warmup = r.warmup;
      cpuMsPerPrediction = r.cpuMsPerPrediction;
      idleCpuMsPerS = r.idleCpuMsPerS;
      pull = r.pull;
    }

    /** The built-in variant the rung serves; null for a rung of your own. */
    public Builder model(String id) {
      this.model = id;
      return this;
    }

    public Builder buildSeconds(double seconds) {
      this.buildSeconds = seconds;
      return this;
    }

    /** The image's size and its layers, newest first. */
    public Builder image(long bytes, List<LayerSize> layerSizes) {
      this.imageBytes = bytes;
      this.layers = layerSizes;
      return this;
    }

    /** The container's size once ready: image plus writes, and the writes alone. */
    public Builder container(long bytes, long rwBytes) {
      this.containerBytes = bytes;
      this.containerRwBytes = rwBytes;
      return this;
    }

    /** What reading the image found; null when it was not read. */
    public Builder imageFigures(ImageFigures figures) {
      this.imageFigures = figures;
      return this;
    }

    /** The cold start's median, its range over the repeats and its phases (null when not broken down). */
    public Builder coldStart(long ms, Spread spread, Map<String, Long> breakdownMs) {
      this.coldStartMs = ms;
      this.coldStartSpread = spread;
      this.coldStartBreakdownMs = breakdownMs;
      return this;
    }

    public Builder coldStartVsFloor(Double multiple) {
      this.coldStartVsFloor = multiple;
      return this;
    }

    public Builder memoryBytes(long bytes) {
      this.memoryBytes = bytes;
      return this;
    }

    /** Served latency percentiles and each one's range over the repeats (null before ServeScope repeated). */
    public Builder latency(Percentiles ms, LatencySpread spread) {
      this.latencyMs = ms;
      this.latencySpread = spread;
      return this;
    }

    /** Served throughput and its range over the repeats. */
    public Builder throughput(double perSecond, Spread spread) {
      this.throughputPerSecond = perSecond;
      this.throughputSpread = spread;
      return this;
    }

    public Builder inProcessThroughput(Double perSecond) {
      this.inProcessThroughputPerSecond = perSecond;
      return this;
    }

    public Builder labelAgreement(Double share) {
      this.labelAgreement = share;
      return this;
    }

    public Builder servedAccuracy(Double share) {
      this.servedAccuracy = share;
      return this;
    }

    public Builder sweep(Sweep s) {
      this.sweep = s;
      return this;
    }

    /** How many starts the medians are over, and which figures spread too widely. */
    public Builder repeats(int count, List<String> noisyFigures) {
      this.repeats = count;
      this.noisy = noisyFigures;
      return this;
    }

    public Builder warmup(Warmup w) {
      this.warmup = w;
      return this;
    }

    /** CPU time per answer under load, and per second at rest; each null when not measured. */
    public Builder cpu(Double msPerPrediction, Double idleMsPerS) {
      this.cpuMsPerPrediction = msPerPrediction;
      this.idleCpuMsPerS = idleMsPerS;
      return this;
    }

    public Builder pull(Pull p) {
      this.pull = p;
      return this;
    }

    public VersionResult build() {
      ImageFigures f = imageFigures;
      return new VersionResult(version, image, model, buildSeconds, imageBytes, containerBytes, containerRwBytes,
          coldStartMs, memoryBytes, latencyMs, throughputPerSecond, labelAgreement, layers,
          f == null ? null : f.wastedBytes(), f == null ? null : f.efficiency(), f == null ? null : f.transferBytes(),
          servedAccuracy, sweep, coldStartBreakdownMs, repeats, coldStartSpread, latencySpread, throughputSpread,
          noisy, coldStartVsFloor, inProcessThroughputPerSecond, warmup, cpuMsPerPrediction, idleCpuMsPerS,
          pull);
    }
  }
}
