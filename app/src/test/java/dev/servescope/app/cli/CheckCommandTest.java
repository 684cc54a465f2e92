package dev.servescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ui.TestServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code servescope check}: exit 0 when every rule passes, 1 when one fails, 2 when its inputs are unusable. */
class CheckCommandTest {
  @TempDir
  Path dir;

  private record Result(int code, String out, String err) {}

  private Result check(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 3];
    all[0] = "check";
    all[1] = "--history";
    all[2] = dir.resolve("history.db").toString();
    System.arraycopy(args, 0, all, 3, args.length);
    int code = ServeScopeCommand.run(TestServices.withoutEngine(dir.resolve("history.db")), new PrintWriter(out, true),
        new PrintWriter(err, true), all);
    return new Result(code, out.toString(), err.toString());
  }

  private Path report(long imageBytes) throws Exception {
    VersionResult v5 = VersionResult.builder("v5", "servescope-ladder:v5").model("minilm-l6-int8").buildSeconds(10)
        .image(imageBytes, List.of(new LayerSize(1, "x"))).container(imageBytes, 0).coldStart(900, null, null)
        .memoryBytes(1).latency(new VersionResult.Percentiles(5, 8, 12), null).throughput(300, null)
        .labelAgreement(1.0).build();
    Path file = dir.resolve("report-" + imageBytes + ".json");
    new ObjectMapper().writeValue(file.toFile(), new RunReport("r" + imageBytes, "now", RunStatus.COMPLETE, null,
        new EngineInfo("20.10", "1.41", "h"), null, List.of(v5)));
    return file;
  }

  private Path ladder(String budgets) throws Exception {
    return Files.writeString(dir.resolve("ladder.yaml"), "ladder: t\nrungs:\n  - id: v5\n    builtin: v5\n"
        + "budgets:\n" + budgets);
  }

  @Test
  void allRulesPassingExitsZero() throws Exception {
    Result r = check("--file", ladder("  v5: {image_mb: 150, cold_start_ms: 1000}\n").toString(),
        "--report", report(126_000_000).toString());
    assertThat(r.code()).isZero();
    assertThat(r.out().lines()).containsExactly("PASS v5 image_mb 126 <= 150", "PASS v5 cold_start_ms 900 <= 1000");
  }

  @Test
  void aFailingRuleExitsOneAndSaysWhichAgainstItsBaseline() throws Exception {
    Result r = check("--file", ladder("  v5: {image_mb: 150, max_regression_pct: 5}\n").toString(),
        "--report", report(160_000_000).toString(), "--baseline", report(126_000_000).toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL v5 image_mb 160 <= 150").contains("FAIL v5 max_regression_pct:image");
  }

  @Test
  void anUnusableFileOrRunExitsTwoSayingWhere() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "ladder: t\nrungs:\n  - id: v5\n    bulitin: v5\n");
    Result r = check("--file", broken.toString(), "--report", report(1).toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(broken + ":4:5: unknown key 'bulitin'");

    Result missingRun = check("--file", ladder("  v5: {image_mb: 1}\n").toString(), "--run", "nope");
    assertThat(missingRun.code()).isEqualTo(2);
    assertThat(missingRun.err()).contains("no run 'nope'");

    Path garbage = Files.writeString(dir.resolve("garbage.json"), "{not json");
    Result badReport = check("--file", ladder("  v5: {image_mb: 1}\n").toString(), "--report", garbage.toString());
    assertThat(badReport.code()).isEqualTo(2);
    assertThat(badReport.err()).contains("cannot read the report " + garbage);
  }
}
