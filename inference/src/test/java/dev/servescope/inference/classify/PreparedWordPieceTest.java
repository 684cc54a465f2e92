package dev.servescope.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedWordPieceTest {
  private static final List<String> TEXTS = List.of("A gripping, beautifully shot film.", "naïve café [MASK] déjà vu",
      "unbelievably overwrought", "日本語のテキスト", "   ", "x".repeat(400), "[CLS] [SEP] [UNK] [PAD]");

  private static ModelCatalog catalog;

  @BeforeAll
  static void catalog() {
    catalog = ModelCatalog.withDefaultCache();
  }

  private static Path copyOf(String variant, Path dir) throws Exception {
    ModelFiles files = catalog.files(catalog.find(variant).orElseThrow());
    Path json = dir.resolve("tokenizer.json");
    Files.copy(files.tokenizer(), json);
    return json;
  }

  @Test
  void thePreparedFileTokenizesExactlyAsTheJson(@TempDir Path dir) throws Exception {
    for (String variant : List.of("minilm-l6-int8", "bge-small-int8")) {
      Path sub = Files.createDirectories(dir.resolve(variant));
      Path json = copyOf(variant, sub);
      WordPiece fromJson = WordPiece.parse(json, 64).orElseThrow();

      assertThat(WordPiece.prepare(json)).contains(sub.resolve(PreparedWordPiece.FILE_NAME));
      WordPiece prepared = PreparedWordPiece.read(json, 64).orElseThrow();

      assertThat(prepared.model()).isEqualTo(fromJson.model());
      assertThat(prepared.normalizer()).isEqualTo(fromJson.normalizer());
      assertThat(prepared.special()).isEqualTo(fromJson.special());
      for (String text : TEXTS) {
        WordPiece.Encoding a = fromJson.encode(text);
        WordPiece.Encoding b = WordPiece.load(json, 64).orElseThrow().encode(text);
        assertThat(Arrays.equals(a.ids(), b.ids())).as(text).isTrue();
        assertThat(b.truncated()).isEqualTo(a.truncated());
      }
    }
  }

  @Test
  void aChangedTokenizerJsonIsNeverShadowedByAStalePreparedFile(@TempDir Path dir) throws Exception {
    Path json = copyOf("minilm-l6-int8", dir);
    WordPiece.prepare(json);
    // Same size, one byte different: the CRC-32 tells them apart.
    long size = Files.size(json);
    Files.writeString(json, Files.readString(json).replace("\"[UNK]\": 100", "\"[UNK]\": 101"));
    assertThat(Files.size(json)).isEqualTo(size);

    assertThat(PreparedWordPiece.read(json, 64)).isEmpty();
  }

  @Test
  void aDamagedPreparedFileIsSkippedAndTheJsonRead(@TempDir Path dir) throws Exception {
    Path json = copyOf("minilm-l6-int8", dir);
    Path prepared = WordPiece.prepare(json).orElseThrow();
    List<String> lines = Files.readAllLines(prepared);
    Files.write(prepared, lines.subList(0, lines.size() - 5));

    assertThat(PreparedWordPiece.read(json, 64)).isEmpty();
    assertThat(WordPiece.load(json, 64).orElseThrow().encode("a fine film").ids())
        .containsExactly(WordPiece.parse(json, 64).orElseThrow().encode("a fine film").ids());

    Files.writeString(prepared, "not a prepared tokenizer\n");
    assertThat(PreparedWordPiece.read(json, 64)).isEmpty();
  }

  @Test
  void linesEndedTheWindowsWayReadAsTheSameTokenizer(@TempDir Path dir) throws Exception {
    Path json = copyOf("minilm-l6-int8", dir);
    Path prepared = WordPiece.prepare(json).orElseThrow();
    WordPiece before = PreparedWordPiece.read(json, 64).orElseThrow();

    Files.writeString(prepared, Files.readString(prepared).replace("\n", "\r\n"));

    assertThat(PreparedWordPiece.read(json, 64).orElseThrow().model()).isEqualTo(before.model());
  }

  @Test
  void aVocabularyLineWhoseIdIsNotANumberMakesTheFileUnusable(@TempDir Path dir) throws Exception {
    Path json = copyOf("minilm-l6-int8", dir);
    Path prepared = WordPiece.prepare(json).orElseThrow();
    List<String> lines = Files.readAllLines(prepared);
    int last = lines.size() - 1;
    String line = lines.get(last);
    for (String id : List.of("12a", "", "1234567890", "-5")) {
      lines.set(last, id + line.substring(line.indexOf('\t')));
      Files.write(prepared, lines);
      assertThat(PreparedWordPiece.read(json, 64)).as(id).isEmpty();
    }
    lines.set(last, line);
    Files.write(prepared, lines);
    assertThat(PreparedWordPiece.read(json, 64)).isPresent();
  }

  @Test
  void aVocabularyCountThatIsNegativeOrWrongMakesTheFileUnusable(@TempDir Path dir) throws Exception {
    Path json = copyOf("minilm-l6-int8", dir);
    Path prepared = WordPiece.prepare(json).orElseThrow();
    String text = Files.readString(prepared);
    for (String count : List.of("vocab -1", "vocab 30521", "vocab 30523", "vocab 2147483647")) {
      Files.writeString(prepared, text.replace("vocab 30522", count));
      assertThat(PreparedWordPiece.read(json, 64)).as(count).isEmpty();
    }
  }
}
