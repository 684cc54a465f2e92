package dev.servescope.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.ImageFigures;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.Limits;
import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.result.Floor;
import dev.servescope.app.ladder.result.LoadSetup;
import dev.servescope.app.ladder.result.Pull;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunSetup;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.Spread;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.result.Warmup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewTest {

  /** A rung measured three times: figures with spreads, the named ones noisy. */
  static VersionResult rung(String id, long imageBytes, long containerBytes, long coldMs, double throughput,
      Double agreement, Double accuracy, String... noisy) {
    Map<String, Long> breakdown = new LinkedHashMap<>();
    breakdown.put("started", 50L);
    breakdown.put("model_loaded", coldMs - 100);
    breakdown.put("first_prediction", 50L);
    return VersionResult.builder(id, "servescope-ladder:" + id).model("minilm-l6-int8").buildSeconds(10)
        .image(imageBytes, List.of(new LayerSize(imageBytes - 1_000_000, "COPY dir:abc in /app "),
            new LayerSize(1_000_000, "")))
        .imageFigures(new ImageFigures(363_512L, 0.9971, imageBytes / 2))
        .container(containerBytes, containerBytes - imageBytes)
        .coldStart(coldMs, new Spread(coldMs - 10, coldMs + 20), breakdown)
        .coldStartVsFloor(id.equals("v5") ? 2.54 : null)
        .memoryBytes(150_000_000)
        .latency(new VersionResult.Percentiles(7.5, 9, 20.25),
            new VersionResult.LatencySpread(new Spread(7.4, 7.7), new Spread(8.8, 9.1), new Spread(19, 31)))
        .throughput(throughput, new Spread(throughput - 5, throughput + 5))
        .inProcessThroughput(id.equals("v5") ? 180.0 : null)
        .labelAgreement(agreement).servedAccuracy(accuracy)
        .repeats(3, List.of(noisy)).build();
  }

  static RunReport run(String ladder, VersionResult... rungs) {
    return new RunReport("20261128T090000-abcdef", "2026-11-28T09:00:00Z", RunStatus.COMPLETE, null,
        new EngineInfo("20.10.24", "1.41", "unix:///var/run/docker.sock"), null, List.of(rungs),
        new RunSetup(ladder, "v1", new Limits(1, 2048L << 20), 3, new LoadSetup(LoadSetup.SIDECAR,
            "servescope-load:latest", "1", "0"), new Floor(281, new Spread(262, 301), 3)));
  }

  @Test
  void eachRungHasItsFiguresWithSpreadsAndItsChangeFromTheRungBefore() {
    List<List<Overview.Cell>> rows = Overview.rows(run("servescope",
        rung("v1", 1_896_000_000L, 2_029_000_000L, 9_800, 40, 1.0, 0.862),
        rung("v5", 126_300_000L, 126_300_000L, 713, 157, 0.7667, 0.808, "latency_ms.p99")));

    assertThat(rows).hasSize(2);
    List<String> v1 = rows.get(0).stream().map(Overview.Cell::text).toList();
    List<String> v5 = rows.get(1).stream().map(Overview.Cell::text).toList();
    assertThat(v1).containsExactly("v1", "1.90 GB", "", "2.03 GB", "9800 ms [9790-9820]", "", "7.5 ms [7.4-7.7]",
        "20.3 ms [19.0-31.0]", "40/s [35-45]", "", "", "100.0%", "86.2%", "150.0 MB",
        "", "", "", "", "", "3.78 GB / 4.22 GB");
    assertThat(v5.get(2)).isEqualTo("\u22121.77 GB (\u221293%)");
    assertThat(v5.get(9)).isEqualTo("\u00d73.9");
    assertThat(v5.get(5)).as("the cold start against the floor's").isEqualTo("\u00d72.5");
    assertThat(v5.get(10)).as("served 157/s of 180/s in process").isEqualTo("87%");
    assertThat(rows.get(1).get(10).detail()).startsWith("served 157/s of the 180/s the same model gives in its own");
    assertThat(v5.get(19)).as("no study figure past V4").isEmpty();
    assertThat(rows.get(1).get(7).noisy()).isTrue();
    assertThat(rows.get(1).get(7).detail()).contains("noisy");
    assertThat(rows.get(1).get(6).noisy()).isFalse();
    assertThat(rows.get(1).get(4).detail()).isEqualTo("from creation: started 50, model_loaded 613,"
        + " first_prediction 50 (ms)");
  }

  /** Milliseconds at 100mbit, then at 1gbit. */
  private static Map<String, Long> ordered(long at100, long at1000) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("100mbit", at100);
    m.put("1gbit", at1000);
    return m;
  }

  @Test
  void aNewReplicaShowsItsWarmUpCpuAndDollarsWithThePricesAssumed() {
    VersionResult v5 = rung("v5", 126_300_000L, 126_300_000L, 713, 157, 0.7667, 0.808).toBuilder().cpu(2.0, 1.5)
        .pull(new Pull("sha256:5", "127.0.0.1:5000/servescope/v5:r", 50_069_506L,
            ordered(4900L, 1779L), ordered(4154L, 544L), ordered(746L, 1234L), null, null))
        .warmup(Warmup.of(List.of(new Warmup.Start(2100, 14, 30_000, 1000, List.of(9.0, 5.0, 5.1, 5.0))))).build();
    VersionResult v1 = rung("v1", 1_896_000_000L, 2_029_000_000L, 9_800, 40, 1.0, 0.862).toBuilder()
        .pull(Pull.failed(null, null, "no empty node to pull onto: denied"))
        .warmup(Warmup.of(List.of(new Warmup.Start(-1, 0, 30_000, 1000, List.of(50.0, 20.0, 40.0))))).build();
    RunReport base = run("servescope", v5, v1);
    RunReport priced = new RunReport(base.id(), base.startedAt(), base.status(), null, base.engine(), null,
        base.versions(), base.setup().withPrices(Prices.parse("cpu_hour=0.04")));
    List<List<Overview.Cell>> rows = Overview.rows(priced);
    assertThat(rows.get(0).subList(14, 19)).extracting(Overview.Cell::text)
        .containsExactly("4.9 s @ 100mbit", "7.7 s @ 100mbit", "2.1 s", "2.00 ms", "$0.0222");
    assertThat(rows.get(0).get(14).detail()).isEqualTo("pulled 50.1 MB: 4.9 s at 100mbit (download 4.2 s, then"
        + " extraction 0.7 s), 1.8 s at 1gbit (download 0.5 s, then extraction 1.2 s)");
    assertThat(rows.get(0).get(15).detail()).as("pull + cold start + warm-up").isEqualTo("new replica serving"
        + " steadily after 7.7 s at 100mbit, 4.6 s at 1gbit: pull, cold start and warm-up to steady state");
    assertThat(rows.get(0).get(16).detail()).startsWith("steady 2.1 s after the first answer (14 slower answers");
    assertThat(rows.get(0).get(17).detail()).endsWith("1.5 ms per second at rest");
    assertThat(rows.get(0).get(18).detail()).endsWith("assuming $0.04 per CPU-hour");
    assertThat(rows.get(1).subList(14, 19)).extracting(Overview.Cell::text)
        .containsExactly("not measured", "", "none in 30.0 s", "", "");
    assertThat(rows.get(1).get(14).detail()).isEqualTo("pull not measured: no empty node to pull onto: denied");
    assertThat(Overview.setup(priced)).contains("dollar figures assuming $0.04 per CPU-hour");
    assertThat(Overview.rows(base).get(0).get(18).text()).as("no prices, no dollars").isEmpty();
  }

  @Test
  void theCompactTableGivesSpreadsAsAShareOfTheMedianAndTheRangeInTheDetail() {
    List<Overview.Cell> v5 = Overview.rows(run("servescope",
        rung("v5", 126_300_000L, 126_300_000L, 713, 157, 0.7667, 0.808, "latency_ms.p99")), true).get(0);
    assertThat(v5.get(4).text()).isEqualTo("713 ms \u00b12%");
    assertThat(v5.get(4).detail()).startsWith("over the repeats: 713 ms [703-733]; from creation: started 50");
    assertThat(v5.get(7).text()).isEqualTo("20.3 ms \u00b130%");
    assertThat(v5.get(7).noisy()).isTrue();
    assertThat(v5.get(8).text()).isEqualTo("157/s \u00b13%");
  }

  @Test
  void aLadderOfYourOwnHasNoStudyFiguresAndTheSetupSaysWhereTheLoadRan() {
    RunReport mine = run("mine", rung("v1", 100_000_000L, 100_000_000L, 500, 100, null, null));
    assertThat(Overview.rows(mine).get(0).get(19).text()).isEmpty();
    assertThat(Overview.rows(mine).get(0).get(11).text()).as("agreement not measured").isEmpty();
    assertThat(Overview.rows(mine).get(0).get(10).text()).as("no in-process figure for a rung of your own").isEmpty();
    assertThat(Overview.setup(mine)).isEqualTo("every rung limited to 1 CPU, 2048 MB; load in a sidecar on CPU 1,"
        + " service on CPU 0; the floor (an empty static server) started in 281 ms; each figure the median of 3"
        + " starts, rungs taking turns");
    assertThat(Overview.title(mine)).isEqualTo("Run 20261128T090000-abcdef of ladder 'mine', 2026-11-28 09:00 UTC,"
        + " complete");
  }
}
