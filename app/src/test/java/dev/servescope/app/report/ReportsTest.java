package dev.servescope.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {
  private static VersionResult result(String version, String model) {
    return new VersionResult(version, "img:" + version, model, 12.5, 126_000_000, 126_000_010, 10, 900,
        200_000_000, new VersionResult.Percentiles(5.25, 8, 20), 150.5, 1.0, List.of(new LayerSize(1, "COPY a b")));
  }

  @Test
  void csvHasAHeaderAndOneRowPerVersionAndQuotesWhatNeedsIt() throws Exception {
    RunReport run = new RunReport("r1", "t", RunStatus.COMPLETE, null, new EngineInfo("20.10", "1.41", "h"), null,
        List.of(result("v5", "minilm-l6-int8"), result("mine", "dir:my, \"best\" model")));
    String csv = Reports.csv(run);
    assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("run,version,model,build_seconds,image_bytes,"
        + "container_bytes,container_rw_bytes,cold_start_ms,memory_bytes,latency_p50_ms,latency_p90_ms,"
        + "latency_p99_ms,throughput_per_s,label_agreement,wasted_bytes,efficiency,transfer_bytes,"
        + "served_accuracy,repeats,throughput_min_per_s,throughput_max_per_s,cold_start_min_ms,cold_start_max_ms,"
        + "noisy,cold_start_vs_floor,in_process_per_s,served_efficiency");
    assertThat(csv).contains("\"dir:my, \"\"best\"\" model\"");

    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> rows = mapper.readerFor(Map.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
      List<Map<String, String>> all = rows.readAll();
      assertThat(all).hasSize(2);
      assertThat(all.get(1)).containsEntry("model", "dir:my, \"best\" model").containsEntry("version", "mine")
          .containsEntry("latency_p50_ms", "5.25").containsEntry("image_bytes", "126000000");
    }
  }

  @Test
  void theServedEfficiencyIsServedThroughputOverInProcessAndIsWrittenBesideBoth() {
    VersionResult r = result("v5", "minilm-l6-int8");
    VersionResult measured = new VersionResult(r.version(), r.image(), r.model(), r.buildSeconds(), r.imageBytes(),
        r.containerBytes(), r.containerRwBytes(), r.coldStartMs(), r.memoryBytes(), r.latencyMs(),
        r.throughputPerSecond(), r.labelAgreement(), r.layers(), null, null, null, null, null, null, 1, null, null,
        null, null, 3.2, 175.0);
    assertThat(measured.servedEfficiency()).isEqualTo(0.86);
    assertThat(r.servedEfficiency()).as("no in-process figure").isNull();
    RunReport run = new RunReport("r1", "t", RunStatus.COMPLETE, null, new EngineInfo("20.10", "1.41", "h"), null,
        List.of(measured));
    assertThat(Reports.json(run)).contains("\"in_process_throughput_per_s\" : 175.0")
        .contains("\"served_efficiency\" : 0.86");
    assertThat(Reports.csv(run).lines().skip(1).findFirst().orElseThrow()).endsWith(",3.2,175.0,0.86");
  }

  @Test
  void jsonWritesTheStatusInLowerCase() {
    RunReport run = new RunReport("r1", "t", RunStatus.CANCELLED, "stopped", new EngineInfo("20.10", "1.41", "h"), null,
        List.of());
    assertThat(Reports.json(run)).contains("\"status\" : \"cancelled\"");
  }
}
