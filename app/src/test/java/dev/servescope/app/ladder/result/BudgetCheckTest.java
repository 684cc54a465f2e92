package dev.servescope.app.ladder.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.ImageFigures;
import dev.servescope.app.ladder.file.Budget;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.ladder.file.RungSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetCheckTest {
  private static final EngineInfo ENGINE = new EngineInfo("20.10", "1.41", "h");

  static VersionResult result(String id, long imageBytes, long rwBytes, long coldStartMs, double p99,
      double throughput, Double agreement) {
    return VersionResult.builder(id, "img:" + id).model("m").buildSeconds(1).image(imageBytes, List.of())
        .container(imageBytes + rwBytes, rwBytes).coldStart(coldStartMs, null, null).memoryBytes(1)
        .latency(new VersionResult.Percentiles(p99 / 2, p99 / 1.5, p99), null).throughput(throughput, null)
        .labelAgreement(agreement).build();
  }

  private static RungSpec rung(String id) {
    return new RungSpec(id, null, null, null, "img:" + id, Map.of(), Map.of(), null, Probe.SERVESCOPE, Map.of(),
        List.of(), null);
  }

  private static LadderFile ladder(Map<String, Budget> budgets, String... ids) {
    return new LadderFile("t", ids[0], null, java.util.Arrays.stream(ids).map(BudgetCheckTest::rung).toList(),
        budgets, null, dev.servescope.app.ladder.file.Prices.NONE, Path.of("ladder.yaml"));
  }

  private static RunReport run(VersionResult... results) {
    return new RunReport("r", "now", RunStatus.COMPLETE, null, ENGINE, null,
        List.of(results));
  }

  @Test
  void eachLimitIsOneRuleAndARungsOwnLimitsOverrideAll() {
    LadderFile file = ladder(Map.of(
        LadderFile.ALL, new Budget(500.0, null, 5000.0, null, null, null, null),
        "v5", new Budget(150.0, 0.0, null, 50.0, 100.0, 0.99, null)), "v5", "node");
    List<BudgetCheck.Rule> rules = BudgetCheck.evaluate(file, run(
        result("v5", 126_300_000, 0, 900, 12.5, 318, 1.0),
        result("node", 567_000_000, 2_000_000, 6100, 20, 90, 0.96)), Optional.empty());
    assertThat(rules).extracting(BudgetCheck.Rule::line).containsExactly(
        "PASS v5 image_mb 126.3 <= 150",
        "PASS v5 container_growth_mb 0 <= 0",
        "PASS v5 cold_start_ms 900 <= 5000",
        "PASS v5 p99_ms 12.5 <= 50",
        "PASS v5 min_throughput 318 >= 100",
        "PASS v5 min_agreement 1 >= 0.99",
        "FAIL node image_mb 567 <= 500",
        "FAIL node cold_start_ms 6100 <= 5000");
  }

  @Test
  void aRungTheRunDidNotMeasureFails() {
    LadderFile file = ladder(Map.of(LadderFile.ALL, new Budget(500.0, null, null, null, null, null, null)),
        "v5", "gone");
    List<BudgetCheck.Rule> rules = BudgetCheck.evaluate(file, run(result("v5", 1, 0, 1, 1, 1, 1.0)),
        Optional.empty());
    assertThat(rules).extracting(BudgetCheck.Rule::line).containsExactly("PASS v5 image_mb 0 <= 500",
        "FAIL gone measured not measured");
  }

  @Test
  void regressionsAreMeasuredAgainstTheBaselineInTheWorseDirection() {
    LadderFile file = ladder(Map.of("v5", new Budget(null, null, null, null, null, null, 10.0)), "v5");
    RunReport baseline = run(result("v5", 100_000_000, 0, 1000, 10, 300, 1.0));
    RunReport now = run(result("v5", 105_000_000, 0, 1200, 9, 240, 1.0));
    assertThat(BudgetCheck.evaluate(file, now, Optional.of(baseline))).extracting(BudgetCheck.Rule::line)
        .containsExactly(
            "PASS v5 max_regression_pct:image 5 <= 10",
            "FAIL v5 max_regression_pct:cold_start 20 <= 10",
            "PASS v5 max_regression_pct:p99 -10 <= 10",
            "FAIL v5 max_regression_pct:throughput 20 <= 10");
    assertThat(BudgetCheck.evaluate(file, now, Optional.empty())).singleElement()
        .satisfies(r -> assertThat(r.pass()).isFalse());
  }

  @Test
  void anAgreementThatWasNotMeasuredFailsItsRuleSayingSo() {
    LadderFile file = ladder(Map.of("svc", new Budget(null, null, null, null, null, 0.9, null)), "svc");
    List<BudgetCheck.Rule> rules = BudgetCheck.evaluate(file, run(result("svc", 1, 0, 1, 1, 1, null)),
        Optional.empty());
    assertThat(rules).singleElement().satisfies(r -> {
      assertThat(r.pass()).isFalse();
      assertThat(r.line()).startsWith("FAIL svc min_agreement (not measured)");
    });
  }

  @Test
  void wastedBytesAndEfficiencyAreRulesOnceTheImageWasInspected() {
    LadderFile file = ladder(Map.of(LadderFile.ALL, new Budget(null, null, null, null, null, null, null, 1.0, 0.95,
        null, null, null, null, null, null)), "v1", "v5", "svc");
    VersionResult v1 = result("v1", 1, 0, 1, 1, 1, 1.0).toBuilder()
        .imageFigures(new ImageFigures(1_876_239, 0.9986, 1)).build();
    VersionResult v5 = result("v5", 1, 0, 1, 1, 1, 1.0).toBuilder()
        .imageFigures(new ImageFigures(363_500, 0.90, 1)).build();
    VersionResult svc = result("svc", 1, 0, 1, 1, 1, 1.0);
    assertThat(BudgetCheck.evaluate(file, run(v1, v5, svc), Optional.empty())).extracting(BudgetCheck.Rule::line)
        .containsExactly(
            "FAIL v1 max_wasted_mb 1.876 <= 1",
            "PASS v1 min_efficiency 0.999 >= 0.95",
            "PASS v5 max_wasted_mb 0.364 <= 1",
            "FAIL v5 min_efficiency 0.9 >= 0.95",
            "FAIL svc max_wasted_mb (image not inspected) not measured <= 1",
            "FAIL svc min_efficiency (image not inspected) not measured >= 0.95");
  }

  @Test
  void theColdStartAgainstTheFloorAndTheServedEfficiencyAreRulesWhereMeasured() {
    LadderFile file = ladder(Map.of(LadderFile.ALL, new Budget(null, null, null, null, null, null, null, null, null,
        3.0, 0.85, null, null, null, null)), "v5", "v6", "svc");
    VersionResult v5 = measured(result("v5", 1, 0, 900, 10, 170, 1.0), 9.8, 200.0);
    VersionResult v6 = measured(result("v6", 1, 0, 280, 10, 190, 1.0), 2.9, 200.0);
    VersionResult svc = result("svc", 1, 0, 500, 10, 100, 1.0);
    assertThat(BudgetCheck.evaluate(file, run(v5, v6, svc), Optional.empty())).extracting(BudgetCheck.Rule::line)
        .containsExactly(
            "FAIL v5 max_cold_start_vs_floor 9.8 <= 3",
            "PASS v5 min_served_efficiency 0.85 >= 0.85",
            "PASS v6 max_cold_start_vs_floor 2.9 <= 3",
            "PASS v6 min_served_efficiency 0.95 >= 0.85",
            "FAIL svc max_cold_start_vs_floor (no floor in the run) not measured <= 3",
            "FAIL svc min_served_efficiency (not measured in process) not measured >= 0.85");
  }

  @Test
  void aNewReplicasWarmUpCpuAndDollarsAreRulesAndAMissingFigureOrPriceFailsSayingWhy() {
    Budget b = new Budget(null, null, null, null, null, null, null, null, null, null, null, 3000.0, 2.5, 0.05,
        Map.of("1gbit", 3000.0));
    LadderFile file = ladder(Map.of(LadderFile.ALL, b), "v5", "v1", "svc");
    VersionResult v5 = result("v5", 1, 0, 900, 10, 500, 1.0).toBuilder().cpu(2.0, 1.0)
        .pull(new Pull("sha256:5", "r/v5:1", 50_000_000L, Map.of("1gbit", 1800L), Map.of("1gbit", 550L),
            Map.of("1gbit", 1250L), null, null))
        .warmup(Warmup.of(List.of(new Warmup.Start(2100, 14, 30_000, 1000, List.of(9.0, 5.0, 5.1, 5.0))))).build();
    VersionResult v1 = result("v1", 1, 0, 9000, 40, 60, 1.0).toBuilder().cpu(16.0, 4.0)
        .pull(Pull.failed("sha256:1", "r/v1:1", "the pull stalled: no end within 10 minutes"))
        .warmup(Warmup.of(List.of(new Warmup.Start(-1, 0, 30_000, 1000, List.of(50.0, 20.0, 40.0))))).build();
    VersionResult svc = result("svc", 1, 0, 500, 10, 100, 1.0);
    RunReport priced = new RunReport("r", "now", RunStatus.COMPLETE, null, ENGINE, null, List.of(v5, v1, svc),
        new RunSetup("t", "v5", new dev.servescope.app.ladder.Limits(1, 1L << 30))
            .withPrices(dev.servescope.app.ladder.file.Prices.parse("cpu_hour=0.04")));
    assertThat(BudgetCheck.evaluate(file, priced, Optional.empty())).extracting(BudgetCheck.Rule::line)
        .containsExactly(
            "PASS v5 max_time_to_steady_ms 2100 <= 3000",
            "PASS v5 max_cpu_ms_per_prediction 2 <= 2.5",
            "PASS v5 max_usd_per_million 0.022 <= 0.05",
            "PASS v5 max_pull_ms@1gbit 1800 <= 3000",
            "FAIL v1 max_time_to_steady_ms (no steady state within 30000 ms) not measured <= 3000",
            "FAIL v1 max_cpu_ms_per_prediction 16 <= 2.5",
            "FAIL v1 max_usd_per_million 0.178 <= 0.05",
            "FAIL v1 max_pull_ms@1gbit (the pull stalled: no end within 10 minutes) not measured <= 3000",
            "FAIL svc max_time_to_steady_ms (warm-up not followed) not measured <= 3000",
            "FAIL svc max_cpu_ms_per_prediction (CPU time not measured) not measured <= 2.5",
            "FAIL svc max_usd_per_million (CPU time not measured) not measured <= 0.05",
            "FAIL svc max_pull_ms@1gbit (not pulled at 1gbit) not measured <= 3000");
    assertThat(BudgetCheck.evaluate(file, run(v5), Optional.empty())).extracting(BudgetCheck.Rule::line)
        .contains("FAIL v5 max_usd_per_million (no cpu_hour price stated) not measured <= 0.05");
  }

  private static VersionResult measured(VersionResult r, double vsFloor, double inProcess) {
    return r.toBuilder().repeats(1, List.of()).coldStartVsFloor(vsFloor).inProcessThroughput(inProcess).build();
  }
}
