package dev.servescope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.ui.TestServices;
import dev.servescope.app.wiring.Services;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract: one JSON object per line on stdout, one error line on stderr and a non-zero exit. */
class CliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** No engine: no command here needs one; a history under target/ unless a test names its own. */
  private static final Services SERVICES = TestServices.withoutEngine(Path.of("target", "cli-test-history.db"));

  private record Result(int code, List<String> out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ServeScopeCommand.run(SERVICES, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString().lines().toList(), err.toString());
  }

  @Test
  void predictPrintsOneObjectPerTextWithTheContractFields() throws Exception {
    Result r = run("predict", "--threads", "1", "A wonderful, moving film.", "A dull and tedious film.");
    assertThat(r.code()).isZero();
    assertThat(r.out()).hasSize(2);
    JsonNode first = JSON.readTree(r.out().get(0));
    for (String field : List.of("text", "model", "label", "score", "probabilities", "truncated", "tokens",
        "timings_ms")) {
      assertThat(first.has(field)).as(field).isTrue();
    }
    assertThat(first.get("model").asText()).isEqualTo("minilm-l6-int8");
    assertThat(first.get("label").asText()).isEqualTo("positive");
    assertThat(first.get("probabilities").has("negative")).isTrue();
    assertThat(first.get("timings_ms").get("total").asDouble()).isPositive();
    assertThat(JSON.readTree(r.out().get(1)).get("label").asText()).isEqualTo("negative");
  }

  @Test
  void errorsAreOneLineOnStderrAndANonZeroExit(@TempDir Path dir) {
    Result unknown = run("predict", "--model", "gpt-9", "hello");
    assertThat(unknown.code()).isNotZero();
    assertThat(unknown.err().strip()).startsWith("error: unknown model 'gpt-9'").doesNotContain("\n");
    assertThat(unknown.out()).isEmpty();

    Result empty = run("predict", "  ");
    assertThat(empty.code()).isNotZero();
    assertThat(empty.err().strip()).isEqualTo("error: text is empty");

    Result missing = run("eval", "--model", "minilm-l6-int8", "--data", dir.resolve("none.tsv").toString());
    assertThat(missing.code()).isNotZero();
    assertThat(missing.err()).contains("data file not found");

    Result folder = run("predict", "--model-dir", dir.toString(), "x");
    assertThat(folder.code()).isNotZero();
    assertThat(folder.err()).contains("has no model.onnx");
  }

  @Test
  void evalAndBenchReportTheirFields() throws Exception {
    Result eval = run("eval", "--model", "minilm-l6-int8", "--data", "../samples/labeled.tsv");
    assertThat(eval.code()).isZero();
    JsonNode e = JSON.readTree(eval.out().get(0));
    assertThat(e.get("examples").asInt()).isEqualTo(12);
    assertThat(e.get("accuracy").asDouble()).isEqualTo(1.0);
    assertThat(e.has("macro_f1")).isTrue();

    Result bench = run("bench", "--model", "minilm-l6-int8", "--threads", "1", "--warmup", "5", "--iterations", "20",
        "--concurrency", "2");
    assertThat(bench.code()).isZero();
    JsonNode b = JSON.readTree(bench.out().get(0));
    for (String f : List.of("tokenize_ms", "inference_ms", "total_ms", "bare_run_ms")) {
      assertThat(b.get(f).get("p50").asDouble()).as(f).isPositive();
      assertThat(b.get(f).get("p99").asDouble()).isGreaterThanOrEqualTo(b.get(f).get("p50").asDouble());
    }
    assertThat(b.get("throughput_per_s").asDouble()).isPositive();
    assertThat(b.get("concurrency").asInt()).isEqualTo(2);
  }

  @Test
  void benchTakesOneTurnPerLineItReadsAndStopsWhenTheInputEnds() throws Exception {
    java.io.InputStream stdin = System.in;
    Result r;
    try {
      System.setIn(new java.io.ByteArrayInputStream("go\ngo\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      r = run("bench", "--model", "minilm-l6-int8", "--threads", "1", "--warmup", "3", "--turns");
    } finally {
      System.setIn(stdin);
    }
    assertThat(r.code()).isZero();
    assertThat(r.out()).hasSize(3);
    JsonNode ready = JSON.readTree(r.out().get(0));
    assertThat(ready.get("ready").asBoolean()).isTrue();
    int sentences = ready.get("sentences").asInt();
    assertThat(sentences).isPositive();
    for (int turn = 1; turn <= 2; turn++) {
      JsonNode t = JSON.readTree(r.out().get(turn));
      assertThat(t.get("turn").asInt()).isEqualTo(turn);
      assertThat(t.get("predictions").asInt()).as("one prediction per sentence").isEqualTo(sentences);
      assertThat(t.get("bare_run_ms").get("p50").asDouble()).isPositive();
      // every prediction's total includes its tokenizing, so their medians keep that order
      assertThat(t.get("total_ms").get("p50").asDouble()).isGreaterThan(t.get("tokenize_ms").get("p50").asDouble());
    }
  }

  @Test
  void historyOfAnEmptyDatabaseIsEmptyAndAnUnknownRunIsAnError(@TempDir Path dir) {
    String db = dir.resolve("h.db").toString();
    Result list = run("history", "--history", db);
    assertThat(list.code()).isZero();
    assertThat(list.out()).isEmpty();
    Result show = run("history", "--history", db, "--show", "nope");
    assertThat(show.code()).isNotZero();
    assertThat(show.err()).contains("no run 'nope'");
  }

  @Test
  void aLadderFileThatCannotBeUsedIsRefusedBeforeAnyEngineIsAsked(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ladder.yaml");
    java.nio.file.Files.writeString(file, "ladder: mine\nrungs:\n  - id: a\n    imag: x:1\n");
    Result broken = run("ladder", "--file", file.toString(), "--history", dir.resolve("h.db").toString());
    assertThat(broken.code()).isNotZero();
    assertThat(broken.err().strip()).startsWith("error: " + file + ":4:5: unknown key 'imag'").doesNotContain("\n");

    java.nio.file.Files.writeString(file, "ladder: mine\nrungs:\n  - id: a\n    image: x:1\n");
    Result unknown = run("ladder", "--file", file.toString(), "--rungs", "a,zz", "--history",
        dir.resolve("h.db").toString());
    assertThat(unknown.err().strip()).isEqualTo("error: no rung zz in ladder 'mine'; its rungs: a");
    Result half = run("ladder", "--file", file.toString(), "--cpus", "1", "--history", dir.resolve("h.db").toString());
    assertThat(half.err()).contains("--cpus and --memory-mb go together");
    assertThat(java.nio.file.Files.exists(dir.resolve("h.db"))).as("no run was started").isFalse();
  }
}
