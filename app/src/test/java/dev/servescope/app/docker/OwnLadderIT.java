package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.Limits;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.LadderFiles;
import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.run.LadderListener;
import dev.servescope.app.ladder.run.LadderRunner;
import dev.servescope.app.store.HistoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ladder of your own for real: a service that is not ServeScope's (samples/ladders/lexicon: its own port, paths,
 * request and answer, labels POS/NEG) built from its Dockerfile, then measured again as an existing image with other
 * settings, beside the built-in v5, all under one set of limits; a rung whose probe is wrong fails alone and says why;
 * and v5's image again, asked through the Open Inference Protocol's preset.
 */
class OwnLadderIT {

  @Test
  void measuresAForeignServiceBesideABuiltInRung(@TempDir Path dir) throws IOException {
    ProjectLayout layout = DockerAvailable.checkout();
    Path lexicon = layout.root().resolve("samples/ladders/lexicon/Dockerfile");
    String probe = """
            probe: {port: %d, health: %s, predict: /api/sentiment, request: '{"document": {"text": ${text}}}',
                    label: /prediction/sentiment}
            labels: {POS: positive, NEG: negative}
        """;
    Path file = dir.resolve("ladder.yaml");
    Files.writeString(file, """
        ladder: it-own
        reference: v5
        limits: {cpus: 1, memory_mb: 768}
        rungs:
          - id: v5
            builtin: v5
          - id: lexicon
            dockerfile: %s
        """.formatted(lexicon) + probe.formatted(5000, "/ping") + """
          - id: lexicon-5001
            image: servescope-ladder:lexicon
            env: {PORT: "5001"}
        """ + probe.formatted(5001, "/ping") + """
          - id: wrong-health
            image: servescope-ladder:lexicon
        """ + probe.formatted(5000, "/healthz") + """
          - id: v5-open-inference
            image: servescope-ladder:v5
            probe: {protocol: open-inference, model: minilm-l6-int8, port: 8080, output: label}
        """);
    LadderFile ladder = LadderFiles.read(file);
    List<String> failures = new CopyOnWriteArrayList<>();
    try (DockerEngine engine = DockerAvailable.engineOrSkip();
        HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
      LadderRunner runner = DockerAvailable.runner(engine, store, layout, Samples.builtIn());
      RunReport run = runner.run(ladder, List.of(), new LadderSettings(2, Duration.ofSeconds(2), 10,
          Duration.ofSeconds(1)).withReadyTimeout(Duration.ofSeconds(15)), new LadderListener() {
            @Override
            public void rungFailed(String rung, Exception e) {
              failures.add(rung);
            }
          }, new Cancellation());

      assertThat(run.status()).isEqualTo(RunStatus.FAILED);
      assertThat(failures).containsExactly("wrong-health");
      assertThat(run.message()).startsWith("wrong-health: no 2xx from GET :5000/healthz within 15 s"
          + " (GET /healthz answered HTTP 404); last container log lines:\nlexicon sentiment service on :5000");
      assertThat(run.setup().limits()).isEqualTo(new Limits(1, 768L << 20));
      assertThat(run.versions()).extracting(VersionResult::version).containsExactly("v5", "lexicon", "lexicon-5001",
          "v5-open-inference");
      VersionResult v5 = run.versions().get(0);
      VersionResult built = run.versions().get(1);
      VersionResult existing = run.versions().get(2);
      assertThat(v5.labelAgreement()).isEqualTo(1.0);
      assertThat(built.image()).isEqualTo("servescope-ladder:lexicon");
      assertThat(existing.image()).isEqualTo(built.image());
      assertThat(existing.imageBytes()).isEqualTo(built.imageBytes());
      assertThat(existing.buildSeconds()).as("measured as it is").isZero();
      for (VersionResult r : List.of(built, existing)) {
        assertThat(r.model()).isNull();
        assertThat(r.labelAgreement()).as("a word list agrees with the model on some sentences, not all")
            .isStrictlyBetween(0.2, 1.0);
        assertThat(r.coldStartMs()).isPositive();
        assertThat(r.latencyMs().p50()).isPositive();
        assertThat(r.throughputPerSecond()).isPositive();
        assertThat(r.memoryBytes()).isPositive().isLessThan(768L << 20);
        assertThat(r.containerRwBytes()).isLessThan(5_000_000L);
        assertThat(r.layers().stream().mapToLong(LayerSize::bytes).sum()).isEqualTo(r.imageBytes());
      }
      assertThat(existing.labelAgreement()).as("the same service on another port").isEqualTo(built.labelAgreement());
      // The same image asked through the Open Inference Protocol's preset: the same answers, sentence by sentence.
      VersionResult v2 = run.versions().get(3);
      assertThat(v2.image()).isEqualTo(v5.image());
      assertThat(v2.labelAgreement()).as("v5 through its own API and through /v2").isEqualTo(1.0);
      assertThat(v2.throughputPerSecond()).isPositive();
      assertThat(store.load(run.id()).orElseThrow()).isEqualTo(run);
      assertThat(engine.managedContainers()).as("no ServeScope container left running").isEmpty();
    }
  }
}
