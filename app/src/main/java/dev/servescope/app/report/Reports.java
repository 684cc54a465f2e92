package dev.servescope.app.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.VersionResult;

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
      "cold_start_max_ms", "noisy", "cold_start_vs_floor", "in_process_per_s", "served_efficiency"})
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Row(String run, String version, String model, double buildSeconds, long imageBytes, long containerBytes,
      long containerRwBytes, long coldStartMs, long memoryBytes, double latencyP50Ms, double latencyP90Ms,
      double latencyP99Ms, double throughputPerS, Double labelAgreement, Long wastedBytes, Double efficiency,
      Long transferBytes, Double servedAccuracy, int repeats, Double throughputMinPerS, Double throughputMaxPerS,
      Double coldStartMinMs, Double coldStartMaxMs, String noisy, Double coldStartVsFloor,
      Double inProcessPerS, Double servedEfficiency) {

    static Row of(String run, VersionResult r) {
      return new Row(run, r.version(), r.model(), r.buildSeconds(), r.imageBytes(), r.containerBytes(),
          r.containerRwBytes(), r.coldStartMs(), r.memoryBytes(), r.latencyMs().p50(), r.latencyMs().p90(),
          r.latencyMs().p99(), r.throughputPerSecond(), r.labelAgreement(), r.wastedBytes(), r.efficiency(),
          r.transferBytes(), r.servedAccuracy(), r.repeats(),
          r.throughputSpread() == null ? null : r.throughputSpread().min(),
          r.throughputSpread() == null ? null : r.throughputSpread().max(),
          r.coldStartSpread() == null ? null : r.coldStartSpread().min(),
          r.coldStartSpread() == null ? null : r.coldStartSpread().max(), String.join(" ", r.noisy()),
          r.coldStartVsFloor(), r.inProcessThroughputPerSecond(), r.servedEfficiency());
    }
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
      return CSV.writer(CSV_SCHEMA).writeValueAsString(run.versions().stream().map(v -> Row.of(run.id(), v))
          .toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report: " + e.getMessage(), e);
    }
  }
}
