package dev.servescope.inference.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvDatasetTest {
  @TempDir
  Path dir;

  @Test
  void readsTheLabelColumnWhereverItIs() throws IOException {
    Path a = Files.writeString(dir.resolve("a.tsv"), "label\tsentence\n1\tgood\n0\tbad\n");
    Path b = Files.writeString(dir.resolve("b.tsv"), "text\tlabel\ngreat\t1\n\nawful\t0\n");
    assertThat(TsvDataset.read(a)).containsExactly(new LabeledText("good", 1), new LabeledText("bad", 0));
    assertThat(TsvDataset.read(b)).containsExactly(new LabeledText("great", 1), new LabeledText("awful", 0));
  }

  @Test
  void namesTheLineOfABadLabel() throws IOException {
    Path f = Files.writeString(dir.resolve("bad.tsv"), "label\ttext\n1\tok\n2\tnot a label\n");
    assertThatThrownBy(() -> TsvDataset.read(f)).hasMessageContaining("bad.tsv:3").hasMessageContaining("'2'");
  }

  @Test
  void rejectsAHeaderWithoutLabel() throws IOException {
    Path f = Files.writeString(dir.resolve("h.tsv"), "a\tb\n1\tx\n");
    assertThatThrownBy(() -> TsvDataset.read(f)).hasMessageContaining("one named 'label'");
  }

  @Test
  void saysWhenTheFileIsMissing() {
    assertThatThrownBy(() -> TsvDataset.read(dir.resolve("nope.tsv"))).hasMessageContaining("not found");
  }
}
