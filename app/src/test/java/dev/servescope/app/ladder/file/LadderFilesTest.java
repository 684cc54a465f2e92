package dev.servescope.app.ladder.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.app.ladder.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ladder files: the contract's example reads as written; each kind of mistake is named with its line and column. */
class LadderFilesTest {
  @TempDir
  Path dir;
  private Path file;

  @BeforeEach
  void files() throws IOException {
    Files.createDirectories(dir.resolve("samples/ladders/node"));
    Files.writeString(dir.resolve("samples/ladders/node/Dockerfile"), "FROM scratch\n");
    Files.writeString(dir.resolve("samples/sentences.txt"), "one\ntwo\n");
    file = dir.resolve("ladder.yaml");
  }

  private LadderFile read(String yaml) throws IOException {
    Files.writeString(file, yaml);
    return LadderFiles.read(file);
  }

  private void assertError(String yaml, String position, String message) throws IOException {
    Files.writeString(file, yaml);
    assertThatThrownBy(() -> LadderFiles.read(file)).isInstanceOf(LadderFileException.class)
        .hasMessageStartingWith(file + ":" + position + ": ").hasMessageContaining(message);
  }

  @Test
  void theContractsExampleReadsAsWritten() throws IOException {
    LadderFile ladder = read("""
        ladder: my-service
        reference: v5
        samples: samples/sentences.txt
        rungs:
          - id: v5
            builtin: v5
          - id: node
            dockerfile: samples/ladders/node/Dockerfile
            build_args: {THREADS: "1"}
            lesson: the same model served by Node.js
          - id: prod
            image: myorg/sentiment:1.4
            env: {WORKERS: "2"}
            probe:
              port: 9000
              health: /healthz
              predict: /predict
              request: '{"inputs": ${text}}'
              label: /result/label
            labels: {"1": positive, "0": negative}
        budgets:
          all: {image_mb: 500, cold_start_ms: 5000}
          v5: {image_mb: 150, container_growth_mb: 0, p99_ms: 50, min_throughput: 100, min_agreement: 0.99}
        """);
    assertThat(ladder.name()).isEqualTo("my-service");
    assertThat(ladder.reference()).isEqualTo("v5");
    assertThat(ladder.samples()).isEqualTo(dir.resolve("samples/sentences.txt"));
    assertThat(ladder.rungs()).extracting(RungSpec::kind).containsExactly(RungSpec.Kind.BUILTIN,
        RungSpec.Kind.DOCKERFILE, RungSpec.Kind.IMAGE);
    RungSpec node = ladder.rung("node").orElseThrow();
    assertThat(node.dockerfile()).isEqualTo(dir.resolve("samples/ladders/node/Dockerfile"));
    assertThat(node.context()).isEqualTo(dir.resolve("samples/ladders/node"));
    assertThat(node.buildArgs()).containsEntry("THREADS", "1");
    assertThat(node.probe()).isEqualTo(Probe.SERVESCOPE);
    RungSpec prod = ladder.rung("prod").orElseThrow();
    assertThat(prod.probe()).isEqualTo(new Probe(9000, "/healthz", "/predict", "{\"inputs\": ${text}}",
        "/result/label"));
    assertThat(prod.normalizeLabel("1")).isEqualTo("positive");
    assertThat(prod.normalizeLabel("NEGATIVE")).isEqualTo("negative");
    assertThat(ladder.budgetOf("v5")).isEqualTo(new Budget(150.0, 0.0, 5000.0, 50.0, 100.0, 0.99, null));
    assertThat(ladder.budgetOf("node")).isEqualTo(new Budget(500.0, null, 5000.0, null, null, null, null));
  }

  @Test
  void theReferenceDefaultsToTheFirstRungAndAProbeBlockKeepsServeScopesOtherDefaults() throws IOException {
    LadderFile ladder = read("""
        ladder: mine
        rungs:
          - id: a
            image: x:1
            probe: {port: 9000}
          - id: b
            builtin: v4
        """);
    assertThat(ladder.reference()).isEqualTo("a");
    assertThat(ladder.rung("a").orElseThrow().probe()).isEqualTo(new Probe(9000, "/health_check", "/prediction",
        "{\"text\": ${text}}", null));
  }

  @Test
  void pricesAndANewReplicasBudgetsReadAndAWrongOneNamesItsLine() throws IOException {
    LadderFile ladder = read("""
        ladder: mine
        prices: {cpu_hour: 0.04, egress_gb: 0.09}
        budgets:
          all: {max_pull_ms: {1gbit: 20000}, max_time_to_steady_ms: 3000, max_usd_per_million: 0.05}
        rungs:
          - id: v5
            builtin: v5
        """);
    assertThat(ladder.prices()).isEqualTo(Prices.parse("cpu_hour=0.04,egress_gb=0.09"));
    assertThat(ladder.budgetOf("v5").maxPullMs()).containsEntry("1gbit", 20000.0);
    assertThat(ladder.budgetOf("v5").maxTimeToSteadyMs()).isEqualTo(3000.0);
    assertThatThrownBy(() -> read("""
        ladder: mine
        prices: {cpu_hour: 0.04, egress: 0.09}
        rungs:
          - {id: v5, builtin: v5}
        """)).hasMessageContaining(":2:").hasMessageContaining("unknown price 'egress'");
    assertThatThrownBy(() -> read("""
        ladder: mine
        budgets:
          v5: {max_pull_ms: {1gb: 20000}}
        rungs:
          - {id: v5, builtin: v5}
        """)).hasMessageContaining(":3:").hasMessageContaining("unknown bandwidth '1gb'");
  }

  @Test
  void theBuiltInLadderFileIsValid() {
    LadderFile builtIn = LadderFiles.read(Path.of("../dockerfiles/ladder.yaml"));
    assertThat(builtIn.rungs()).extracting(RungSpec::id).containsExactly("v1", "v2", "v3", "v4", "v5", "v6");
    assertThat(builtIn.rungs()).allMatch(r -> r.kind() == RungSpec.Kind.BUILTIN && r.id().equals(r.builtin()));
    assertThat(builtIn.reference()).as("agreement against the original model").isEqualTo("v1");
  }

  @Test
  void theSampleLadderOfServicesThatAreNotServeScopesIsValid() throws IOException {
    LadderFile sample = LadderFiles.read(Path.of("../samples/ladders/ladder.yaml"));
    assertThat(sample.rungs()).extracting(RungSpec::id)
        .containsExactly("v5", "v6", "v6-c2", "node", "node-2t", "lexicon");
    assertThat(sample.rungs()).extracting(RungSpec::kind).containsExactly(RungSpec.Kind.BUILTIN,
        RungSpec.Kind.BUILTIN, RungSpec.Kind.IMAGE, RungSpec.Kind.DOCKERFILE, RungSpec.Kind.IMAGE,
        RungSpec.Kind.DOCKERFILE);
    RungSpec c2 = sample.rung("v6-c2").orElseThrow();
    assertThat(c2.image()).isEqualTo("servescope-ladder:v6");
    assertThat(c2.env()).containsEntry("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=4");
    assertThat(c2.probe()).as("v6's image answers ServeScope's own API").isEqualTo(Probe.SERVESCOPE);
    assertThat(Files.readString(Path.of("../dockerfiles/v6/Dockerfile")))
        .as("what v6-c2 overrides is what v6's image sets").contains("JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1");
    RungSpec node = sample.rung("node").orElseThrow();
    assertThat(node.prepare()).containsExactly("sh", "prepare.sh");
    assertThat(node.context()).isEqualTo(Path.of("../samples/ladders/node").toAbsolutePath().normalize());
    assertThat(sample.rung("lexicon").orElseThrow().normalizeLabel("POS")).isEqualTo("positive");
    assertThat(sample.limits()).isEqualTo(new Limits(2, 1024L << 20));
  }

  @Test
  void aRungOfYourOwnMayDownloadAServeScopeModelAtStartABuiltInOneSaysItself() throws IOException {
    LadderFile ladder = read("""
        ladder: x
        rungs:
          - id: v1
            builtin: v1
          - id: py
            dockerfile: samples/ladders/node/Dockerfile
            downloads_model: bge-small-fp32
          - id: mine
            image: mine:1
        """);
    assertThat(ladder.rungs()).extracting(RungSpec::downloadsModel).containsExactly(null, "bge-small-fp32", null);
    assertThat(ladder.rungs().get(0).modelAtStart(LadderVersion.byId("v1"))).contains("bge-small-fp32");
    assertThat(ladder.rungs().get(0).modelAtStart(LadderVersion.byId("v5"))).isEmpty();
    assertThat(ladder.rungs().get(1).modelAtStart(null)).contains("bge-small-fp32");
    assertThat(ladder.rungs().get(2).modelAtStart(null)).isEmpty();

    assertError("ladder: x\nrungs:\n  - id: v1\n    builtin: v1\n    downloads_model: bge-small-fp32\n", "5:5",
        "a built-in rung says itself");
    assertError("ladder: x\nrungs:\n  - id: a\n    image: a:1\n    downloads_model: ' '\n", "5:5",
        "names a ServeScope model");
  }

  @Test
  void limitsAndPrepareCommandsAreReadAndChecked() throws IOException {
    LadderFile ladder = read("""
        ladder: x
        limits: {cpus: 0.5, memory_mb: 256}
        rungs:
          - id: node
            dockerfile: samples/ladders/node/Dockerfile
            context: samples
            prepare: [sh, -c, 'npm ci']
        """);
    assertThat(ladder.limits()).isEqualTo(new Limits(0.5, 256L << 20));
    RungSpec node = ladder.rungs().get(0);
    assertThat(node.context()).isEqualTo(dir.resolve("samples"));
    assertThat(node.prepare()).containsExactly("sh", "-c", "npm ci");
    assertThat(node.tag()).isEqualTo("servescope-ladder:node");

    assertError("ladder: x\nlimits: {cpus: 2}\nrungs:\n  - id: a\n    image: x:1\n", "2:1",
        "needs both cpus: and memory_mb:");
    assertError("ladder: x\nlimits: {cpus: 0, memory_mb: 512}\nrungs:\n  - id: a\n    image: x:1\n", "2:1",
        "more than 0 CPUs");
    assertError("ladder: x\nrungs:\n  - id: a\n    image: x:1\n    prepare: [make]\n", "3:5",
        "prepare: go with dockerfile:");
    assertError("ladder: x\nrungs:\n  - id: a\n    dockerfile: samples/ladders/node/Dockerfile\n    prepare: []\n",
        "5:5", "a command as a list");
    assertError("ladder: x\nrungs:\n  - id: a\n    dockerfile: samples/ladders/node/Dockerfile\n"
        + "    context: samples/ladders/node/sub\n", "5:5", "build context not found");
    Files.createDirectories(dir.resolve("other"));
    assertError("ladder: x\nrungs:\n  - id: a\n    dockerfile: samples/ladders/node/Dockerfile\n"
        + "    context: other\n", "4:5", "must be inside its build context");
  }

  @Test
  void anAliasWhereAMappingBelongsIsExplained() throws IOException {
    assertError("ladder: x\nrungs:\n  - id: a\n    image: x:1\n    probe: &api {port: 9000}\n  - id: b\n"
        + "    image: y:1\n    probe: *api\n", "8:5", "found the text 'api' (if that is a YAML alias");
  }

  @Test
  void unknownKeysAreRejectedWhereTheyStand() throws IOException {
    assertError("ladder: x\nrungs:\n  - id: a\n    image: x:1\n    imgae_mb: 3\n", "5:5", "unknown key 'imgae_mb'");
    assertError("ladder: x\nrungs:\n  - id: a\n    image: x:1\nbudgets:\n  a: {image_mbs: 3}\n", "6:7",
        "unknown key 'image_mbs'");
  }

  @Test
  void brokenYamlAndWrongTypesSayWhere() throws IOException {
    assertError("ladder: x\nrungs:\n  - id: a\n    image: \"unterminated\n", "4:10",
        "not valid YAML: while scanning a quoted scalar");
    assertError("ladder: x\nrungs:\n  - id: a\n    image: x:1\n    probe: {port: nine}\n", "5:13", "probe.port");
    assertError("ladder: x\nrungs:\n  - id: a\n    image: [x, y]\n", "4:5", "rungs[0].image");
  }

  @Test
  void rungMistakesAreNamedWithTheirPosition() throws IOException {
    assertError("ladder: x\nrungs:\n  - id: a\n    image: x:1\n  - id: a\n    image: y:1\n", "5:5",
        "rung id 'a' is used twice");
    assertError("ladder: x\nrungs:\n  - id: a\n    image: x:1\n    builtin: v5\n", "3:5",
        "exactly one of builtin:, dockerfile: or image:");
    assertError("ladder: x\nrungs:\n  - id: a\n    builtin: v9\n", "4:5", "unknown ladder version 'v9'");
    assertError("ladder: x\nrungs:\n  - id: a\n    dockerfile: nope/Dockerfile\n", "4:5", "Dockerfile not found");
    assertError("ladder: x\nrungs:\n  - id: 'a b'\n    image: x:1\n", "3:5", "letters, digits");
    assertError("ladder: x\nrungs:\n  - id: a\n    image: x:1\n    probe: {request: '{\"t\": 1}'}\n", "5:5",
        "must contain ${text}");
    assertError("ladder: x\nrungs:\n  - id: a\n    image: x:1\n    probe: {label: result}\n", "5:5",
        "JSON Pointer");
  }

  @Test
  void fileLevelMistakesAreNamedWithTheirPosition() throws IOException {
    assertError("rungs:\n  - id: a\n    image: x:1\n", "1:1", "'ladder:'");
    assertError("ladder: x\nrungs: []\n", "2:1", "at least one rung");
    assertError("ladder: x\nreference: b\nrungs:\n  - id: a\n    image: x:1\n", "2:1", "reference 'b' is not a rung");
    assertError("ladder: x\nsamples: none.txt\nrungs:\n  - id: a\n    image: x:1\n", "2:1", "samples file not found");
    assertError("ladder: x\nrungs:\n  - id: a\n    image: x:1\nbudgets:\n  b: {image_mb: 1}\n", "6:3",
        "budget for 'b'");
    assertError("ladder: x\nrungs:\n  - id: a\n    image: x:1\nbudgets:\n  a: {min_agreement: 2}\n", "6:7",
        "share from 0 to 1");
    assertError("ladder: x\nrungs:\n  - id: a\n    image: x:1\nbudgets:\n  a: {min_efficiency: 1.5}\n", "6:7",
        "min_efficiency is a share from 0 to 1");
    assertError("", "1:1", "empty");
  }
}
