package dev.servescope.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.Limits;
import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunSetup;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.result.Warmup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {
  private static VersionResult result(String version, String model) {
    return VersionResult.builder(version, "img:" + version).model(model).buildSeconds(12.5)
        .image(126_000_000, List.of(new LayerSize(1, "COPY a b"))).container(126_000_010, 10)
        .coldStart(900, null, null).memoryBytes(200_000_000)
        .latency(new VersionResult.Percentiles(5.25, 8, 20), null).throughput(150.5, null).labelAgreement(1.0)
        .build();
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
        + "noisy,cold_start_vs_floor,in_process_per_s,served_efficiency,time_to_steady_ms,warmup_requests,"
        + "no_steady_state,cpu_ms_per_prediction,idle_cpu_ms_per_s,usd_per_million_predictions,usd_per_1000_pulls,"
        + "usd_per_month_stored,pulled_bytes,pull_ms,download_ms,extract_ms,new_replica_ms");
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
    VersionResult measured = r.toBuilder().repeats(1, List.of()).coldStartVsFloor(3.2).inProcessThroughput(175.0)
        .build();
    assertThat(measured.servedEfficiency()).isEqualTo(0.86);
    assertThat(r.servedEfficiency()).as("no in-process figure").isNull();
    RunReport run = new RunReport("r1", "t", RunStatus.COMPLETE, null, new EngineInfo("20.10", "1.41", "h"), null,
        List.of(measured));
    assertThat(Reports.json(run)).contains("\"in_process_throughput_per_s\" : 175.0")
        .contains("\"served_efficiency\" : 0.86");
    assertThat(Reports.csv(run).lines().skip(1).findFirst().orElseThrow()).contains(",3.2,175.0,0.86,");
  }

  @Test
  void aNewReplicasFiguresAndDollarsAtTheRunsPricesAreColumns() throws Exception {
    VersionResult r = result("v5", "minilm-l6-int8").toBuilder().cpu(2.0, 1.5)
        .imageFigures(new dev.servescope.app.ladder.ImageFigures(0, 1.0, 40_000_000L))
        .warmup(Warmup.of(List.of(new Warmup.Start(2100, 14, 30_000, 1000, List.of(9.0, 5.0, 5.1, 5.0))))).build();
    RunReport run = new RunReport("r1", "t", RunStatus.COMPLETE, null, new EngineInfo("20.10", "1.41", "h"), null,
        List.of(r), new RunSetup("servescope", "v5", new Limits(1, 1L << 30))
            .withPrices(Prices.parse("cpu_hour=0.04,egress_gb=0.09")));
    try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(Reports.csv(run))) {
      Map<String, String> row = rows.next();
      assertThat(row).containsEntry("time_to_steady_ms", "2100").containsEntry("warmup_requests", "14")
          .containsEntry("no_steady_state", "false").containsEntry("cpu_ms_per_prediction", "2.0")
          .containsEntry("idle_cpu_ms_per_s", "1.5").containsEntry("usd_per_million_predictions", "0.0222")
          .containsEntry("usd_per_1000_pulls", "3.6").containsEntry("usd_per_month_stored", "");
    }
    assertThat(Reports.json(run)).contains("\"time_to_steady_ms\" : 2100").contains("\"cpu_hour\" : 0.04");
  }

  @Test
  void jsonWritesTheStatusInLowerCase() {
    RunReport run = new RunReport("r1", "t", RunStatus.CANCELLED, "stopped", new EngineInfo("20.10", "1.41", "h"), null,
        List.of());
    assertThat(Reports.json(run)).contains("\"status\" : \"cancelled\"");
  }
}
