package dev.servescope.inference.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    Path b = Files.writeString(dir.resolve("b.tsv"), "text\tlabel\r\ngreat\t1\r\nawful\t0\r\n\n\n");
    assertThat(TsvDataset.read(a)).containsExactly(new LabeledText("good", 1), new LabeledText("bad", 0));
    assertThat(TsvDataset.read(b)).containsExactly(new LabeledText("great", 1), new LabeledText("awful", 0));
  }

  @Test
  void namesTheLineOfABadLabel() throws IOException {
    Path f = Files.writeString(dir.resolve("bad.tsv"), "label\ttext\n1\tok\n2\tnot a label\n");
    assertThatThrownBy(() -> TsvDataset.read(f)).hasMessageContaining("bad.tsv:3").hasMessageContaining("'2'");
  }

  @Test
  void acceptsAByteOrderMark() throws IOException {
    Path f = dir.resolve("bom.tsv");
    Files.write(f, ("\uFEFFlabel\ttext\n1\tfine\n").getBytes(StandardCharsets.UTF_8));
    assertThat(TsvDataset.read(f)).containsExactly(new LabeledText("fine", 1));
  }

  @Test
  void namesTheLineThatIsNotUtf8() throws IOException {
    Path f = dir.resolve("latin1.tsv");
    Files.write(f, "label\ttext\n1\tok\n0\tna\u00efve\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> TsvDataset.read(f)).hasMessageContaining("latin1.tsv:3")
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void namesTheLineOfAMissingColumnOrABlankRow() throws IOException {
    Path missing = Files.writeString(dir.resolve("missing.tsv"), "label\ttext\n1\tok\n0\n");
    assertThatThrownBy(() -> TsvDataset.read(missing)).hasMessageContaining("missing.tsv:3")
        .hasMessageContaining("found 1");
    Path blank = Files.writeString(dir.resolve("blank.tsv"), "label\ttext\n1\tok\n\n0\tbad\n");
    assertThatThrownBy(() -> TsvDataset.read(blank)).hasMessageContaining("blank.tsv:3")
        .hasMessageContaining("blank row");
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
