package dev.servescope.app.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.result.Dollars;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.result.Warmup;
import java.util.Map;

/**
 * Ladder reports as JSON (the full record) or CSV (one row per version), both written by Jackson: CSV fields that hold
 * a comma, a quote or a line break are quoted as RFC 4180 says.
 */
public final class Reports {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final CsvMapper CSV = new CsvMapper();
  private static final CsvSchema CSV_SCHEMA = CSV.schemaFor(Row.class).withHeader();

  private Reports() {}

  /** One CSV row; the components' names, in snake case, are the columns. */
  @JsonPropertyOrder({"run", "version", "model", "build_seconds", "image_bytes", "container_bytes",
      "container_rw_bytes", "cold_start_ms", "memory_bytes", "latency_p50_ms", "latency_p90_ms", "latency_p99_ms",
      "throughput_per_s", "label_agreement", "wasted_bytes", "efficiency", "transfer_bytes",
      "served_accuracy", "repeats", "throughput_min_per_s", "throughput_max_per_s", "cold_start_min_ms",
      "cold_start_max_ms", "noisy", "cold_start_vs_floor", "in_process_per_s", "served_efficiency",
      "time_to_steady_ms", "warmup_requests", "no_steady_state", "cpu_ms_per_prediction", "idle_cpu_ms_per_s",
      "usd_per_million_predictions", "usd_per_1000_pulls", "usd_per_month_stored", "pulled_bytes", "pull_ms",
      "download_ms", "extract_ms", "new_replica_ms"})
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Row(String run, String version, String model, double buildSeconds, long imageBytes, long containerBytes,
      long containerRwBytes, long coldStartMs, long memoryBytes, double latencyP50Ms, double latencyP90Ms,
      double latencyP99Ms, double throughputPerS, Double labelAgreement, Long wastedBytes, Double efficiency,
      Long transferBytes, Double servedAccuracy, int repeats, Double throughputMinPerS, Double throughputMaxPerS,
      Double coldStartMinMs, Double coldStartMaxMs, String noisy, Double coldStartVsFloor,
      Double inProcessPerS, Double servedEfficiency, Long timeToSteadyMs, Integer warmupRequests,
      Boolean noSteadyState, Double cpuMsPerPrediction, Double idleCpuMsPerS,
      @JsonProperty("usd_per_million_predictions") Double usdPerMillionPredictions,
      @JsonProperty("usd_per_1000_pulls") Double usdPer1000Pulls,
      @JsonProperty("usd_per_month_stored") Double usdPerMonthStored, Long pulledBytes, String pullMs,
      String downloadMs, String extractMs, String newReplicaMs) {

    static Row of(String run, VersionResult r, Prices prices) {
      Dollars d = Dollars.of(r, prices);
      Warmup w = r.warmup();
      return new Row(run, r.version(), r.model(), r.buildSeconds(), r.imageBytes(), r.containerBytes(),
          r.containerRwBytes(), r.coldStartMs(), r.memoryBytes(), r.latencyMs().p50(), r.latencyMs().p90(),
          r.latencyMs().p99(), r.throughputPerSecond(), r.labelAgreement(), r.wastedBytes(), r.efficiency(),
          r.transferBytes(), r.servedAccuracy(), r.repeats(),
          r.throughputSpread() == null ? null : r.throughputSpread().min(),
          r.throughputSpread() == null ? null : r.throughputSpread().max(),
          r.coldStartSpread() == null ? null : r.coldStartSpread().min(),
          r.coldStartSpread() == null ? null : r.coldStartSpread().max(), String.join(" ", r.noisy()),
          r.coldStartVsFloor(), r.inProcessThroughputPerSecond(), r.servedEfficiency(),
          w == null ? null : w.timeToSteadyMs(), w == null ? null : w.warmupRequests(),
          w == null ? null : w.noSteadyState(), r.cpuMsPerPrediction(), r.idleCpuMsPerS(),
          d.perMillionPredictions(), d.per1000Pulls(), d.perMonthStored(),
          r.pull() == null ? null : r.pull().pulledBytes(), r.pull() == null ? null : perBandwidth(r.pull().pullMs()),
          r.pull() == null ? null : perBandwidth(r.pull().downloadMs()),
          r.pull() == null ? null : perBandwidth(r.pull().extractMs()), perBandwidth(r.newReplicaMs()));
    }
  }

  /** {@code 100mbit=4945 1gbit=1779}: one cell for a figure per bandwidth; null for none. */
  private static String perBandwidth(Map<String, Long> ms) {
    return ms.isEmpty() ? null : String.join(" ", ms.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .toList());
  }

  public static String json(RunReport run) {
    try {
      return JSON.writeValueAsString(run) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report: " + e.getMessage(), e);
    }
  }

  /** A header row, then one row per version. */
  public static String csv(RunReport run) {
    try {
      // Strict: quote only what needs it, not every long header.
      return CSV.writer(CSV_SCHEMA).with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
          .writeValueAsString(run.versions().stream().map(v -> Row.of(run.id(), v,
          run.setup() == null ? Prices.NONE : run.setup().pricesOrNone()))
          .toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report: " + e.getMessage(), e);
    }
  }
}
