package dev.servescope.app.ladder.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding and removing rungs keeps the file's comments and layout, and never leaves an invalid file behind. */
class LadderFileEditorTest {
  private static final String FILE = """
      # my ladder: a comment that must stay
      ladder: mine
      reference: v5
      rungs:
        - id: v5
          builtin: v5   # the smallest built-in
        - id: old
          image: acme/old:1
          env: {A: "1"}

      # budgets gate CI
      budgets:
        v5: {image_mb: 150}
        old:
          image_mb: 900
      """;
  private static final Probe API = new Probe(9000, "/healthz", "/v1/classify", "{\"inputs\": ${text}}",
      "/result/label");

  @TempDir
  Path dir;
  private Path file;

  @BeforeEach
  void write() throws IOException {
    file = dir.resolve("ladder.yaml");
    Files.writeString(file, FILE);
    Files.createDirectories(dir.resolve("node"));
    Files.writeString(dir.resolve("node/Dockerfile"), "FROM scratch\n");
  }

  @Test
  void anAddedRungGoesAtTheEndOfTheRungsWithItsProbeAndTheRestStays() throws IOException {
    LadderFile ladder = LadderFileEditor.addRung(LadderFiles.read(file), new RungDraft("node", "node/Dockerfile",
        true, "", API, Map.of("POS", "positive"), "Node.js, it's \"fast\""));

    assertThat(ladder.rungs()).extracting(RungSpec::id).containsExactly("v5", "old", "node");
    RungSpec node = ladder.rung("node").orElseThrow();
    assertThat(node.dockerfile()).isEqualTo(dir.resolve("node/Dockerfile"));
    assertThat(node.probe()).isEqualTo(API);
    assertThat(node.lesson()).isEqualTo("Node.js, it's \"fast\"");
    assertThat(node.normalizeLabel("POS")).isEqualTo("positive");
    String text = Files.readString(file);
    assertThat(text).startsWith("# my ladder: a comment that must stay\n")
        .contains("    builtin: v5   # the smallest built-in\n")
        .contains("    env: {A: \"1\"}\n  - id: 'node'\n")
        .contains("\n\n# budgets gate CI\nbudgets:\n");
  }

  @Test
  void aRemovedRungTakesItsBudgetAlongAndTheReferenceCannotGo() throws IOException {
    LadderFile ladder = LadderFileEditor.removeRung(LadderFiles.read(file), "old");

    assertThat(ladder.rungs()).extracting(RungSpec::id).containsExactly("v5");
    assertThat(ladder.budgets()).containsOnlyKeys("v5");
    assertThat(Files.readString(file)).doesNotContain("acme/old").doesNotContain("900")
        .contains("# budgets gate CI");
    assertThatThrownBy(() -> LadderFileEditor.removeRung(ladder, "v5")).hasMessageContaining("reference");
  }

  @Test
  void aDraftWithProblemsIsRefusedAndTheFileIsUntouched() throws IOException {
    LadderFile ladder = LadderFiles.read(file);
    RungDraft bad = new RungDraft("old", "missing/Dockerfile", true, "", new Probe(0, "healthz", "/p", "{}", null),
        Map.of(), "");
    assertThat(bad.problems(ladder)).hasSize(3).anyMatch(p -> p.contains("already has a rung 'old'"))
        .anyMatch(p -> p.startsWith("Dockerfile: no file")).anyMatch(p -> p.startsWith("probe: port"));
    assertThatThrownBy(() -> LadderFileEditor.addRung(ladder, bad)).isInstanceOf(LadderFileException.class);
    assertThat(Files.readString(file)).isEqualTo(FILE);
  }

  @Test
  void anEditTheFileCannotTakeIsUndone() throws IOException {
    Files.writeString(file, "ladder: mine\nrungs: [{id: a, image: 'x:1'}]\n");
    LadderFile ladder = LadderFiles.read(file);
    assertThatThrownBy(() -> LadderFileEditor.addRung(ladder, new RungDraft("b", "y:1", false, "", Probe.SERVESCOPE,
        Map.of(), ""))).hasMessageContaining("flow style");
    assertThat(Files.readString(file)).isEqualTo("ladder: mine\nrungs: [{id: a, image: 'x:1'}]\n");
  }
}
