package dev.servescope.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.servescope.app.ladder.RunReport;
import dev.servescope.app.ladder.VersionResult;
import java.util.Locale;

/** Ladder reports as JSON (the full record) or CSV (one row per version). */
public final class Reports {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Column order of {@link #csv}. */
  public static final String CSV_HEADER = "run,version,model,build_seconds,image_bytes,container_bytes,"
      + "container_rw_bytes,cold_start_ms,memory_bytes,latency_p50_ms,latency_p90_ms,latency_p99_ms,"
      + "throughput_per_s,label_agreement";

  private Reports() {}

  public static String json(RunReport run) {
    try {
      return JSON.writeValueAsString(run) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report: " + e.getMessage(), e);
    }
  }

  public static String csv(RunReport run) {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    for (VersionResult r : run.versions()) {
      sb.append(String.format(Locale.ROOT, "%s,%s,%s,%.1f,%d,%d,%d,%d,%d,%.3f,%.3f,%.3f,%.1f,%.4f%n", run.id(),
          r.version(), r.model(), r.buildSeconds(), r.imageBytes(), r.containerBytes(), r.containerRwBytes(),
          r.coldStartMs(), r.memoryBytes(), r.latencyMs().p50(), r.latencyMs().p90(), r.latencyMs().p99(),
          r.throughputPerSecond(), r.labelAgreement()));
    }
    return sb.toString();
  }
}
