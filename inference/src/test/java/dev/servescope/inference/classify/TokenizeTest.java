package dev.servescope.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Both tokenizer paths give exactly what HuggingFace's library gives through DJL's full {@code encode()}: the Java
 * WordPiece on both model families' files, and the lean native path (three arrays and the overflow count straight
 * from the native encoding), on awkward text, on random text from characters that exercise every rule, and on every
 * SST-2 sentence where the data lies next to the project.
 */
class TokenizeTest {
  private static final ModelCatalog CATALOG = ModelCatalog.withDefaultCache();
  private static final List<String> MODELS = List.of("minilm-l6-int8", "bge-small-int8");
  private static final List<String> TEXTS = List.of(
      "The update fixed every crash I had.",
      "  leading and trailing white space\t\n",
      "Émile's café served crème brûlée 🍮🎉 — naïvely good!",
      "控制字符\u0001\u0007 and CJK 日本語のテキスト",
      "İstanbul ΣΊΣΥΦΟΣ straße ﬁne Ǆ Ⅻ ½ ² x\u0301\u0327 e\u200Dmoji 👩‍👩‍👧 \uFEFFbom \u00A0nbsp\u2028line",
      "$5 off^2 <b>bold</b> a_b a-b a~b `code` {x|y} 100% #1 @me \\path",
      "[CLS] literal [MASK] tokens[SEP]inside [PAD][UNK] and [mask] lowercased",
      "unaffable unbelievable antidisestablishmentarianism " + "z".repeat(99) + " " + "z".repeat(101),
      "\u0000nul \uFFFD replacement \uE000 private \uD800 lone surrogate \u0085nel \u000Bvt \u000Cff",
      "word ".repeat(600),
      "x".repeat(20_000),
      // Cut before tokenizing: a megabyte of words, then white space hiding the words past the first cut, then one
      // giant word, then words ending right at the cut.
      "word ".repeat(200_000),
      " ".repeat(100_000) + "a good movie " + "y".repeat(50_000),
      "é".repeat(9_000) + " tail",
      "ab ".repeat(1_500) + "unbelievable ".repeat(2_000));

  /** Characters that exercise a rule each: cases, accents, CJK, punctuation, symbols, spaces, controls, specials. */
  private static final String ALPHABET = "aAzZeéÉèñÑçßİıΣσςжЖ0٣7 \t\n\r\u00A0\u2003\u3000.,!?'\"-—()[]{}$^`~|"
      + "<>@#%&*_+=/\\日本語中文한국어éü\u0301\u0308\u200B\u200D\u0007\uFEFF\uFFFD🍮👍🏽½²ﬁⅫ";

  private static HuggingFaceTokenizer djl(ModelFiles files, int maxTokens) throws IOException {
    return HuggingFaceTokenizer.builder().optTokenizerPath(files.tokenizer()).optAddSpecialTokens(true)
        .optPadding(false).optTruncation(true).optMaxLength(maxTokens).build();
  }

  private static void same(Tokens mine, Encoding full, String what) {
    assertThat(mine.ids()).as(what).containsExactly(full.getIds());
    assertThat(mine.attentionMask()).as(what).containsExactly(full.getAttentionMask());
    assertThat(mine.typeIds()).as(what).containsExactly(full.getTypeIds());
    assertThat(mine.truncated()).as(what).isEqualTo(full.exceedMaxLength());
  }

  @Test
  void bothTokenizersMatchTheLibraryOnAwkwardText() throws IOException {
    for (String id : MODELS) {
      ModelFiles files = CATALOG.files(CATALOG.require(id));
      for (TextTokenizer.Kind kind : TextTokenizer.Kind.values()) {
        try (Encoder encoder = Encoder.open(files, ClassifierOptions.defaults().withThreads(1).withTokenizer(kind));
            HuggingFaceTokenizer djl = djl(files, encoder.maxTokens())) {
          assertThat(encoder.tokenizerKind()).isEqualTo(kind == TextTokenizer.Kind.AUTO ? "java" : "native");
          for (String text : TEXTS) {
            Tokens tokens = encoder.tokenize(text);
            same(tokens, djl.encode(text), id + " " + kind + ": " + text.substring(0, Math.min(30, text.length())));
            assertThat(tokens.length()).isLessThanOrEqualTo(encoder.maxTokens());
          }
          assertThat(encoder.tokenize("word ".repeat(600)).truncated()).isTrue();
          assertThat(encoder.tokenize("short").truncated()).isFalse();
          assertThat(encoder.tokenize(" ".repeat(100_000) + "short").truncated()).isFalse();
        }
      }
    }
  }

  @Test
  void theJavaTokenizerMatchesTheLibraryOnRandomText() throws IOException {
    Random random = new Random(20261128);
    int[] alphabet = ALPHABET.codePoints().toArray();
    for (String id : MODELS) {
      ModelFiles files = CATALOG.files(CATALOG.require(id));
      WordPiece java = WordPiece.load(files.tokenizer(), 64).orElseThrow();
      try (HuggingFaceTokenizer djl = djl(files, 64)) {
        for (int n = 0; n < 3_000; n++) {
          StringBuilder b = new StringBuilder();
          int length = 1 + random.nextInt(40);
          for (int i = 0; i < length; i++) {
            b.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
          }
          String text = b.toString();
          Encoding full = djl.encode(text);
          WordPiece.Encoding mine = java.encode(text);
          assertThat(mine.ids()).as("%s: %s", id, text.codePoints().mapToObj(Integer::toHexString).toList())
              .containsExactly(full.getIds());
          assertThat(mine.truncated()).isEqualTo(full.exceedMaxLength());
        }
      }
    }
  }

  @Test
  void theJavaTokenizerMatchesTheLibraryOnEverySst2SentenceWhereTheDataIs() throws IOException {
    Path dir = Stream.of("../../shared/data/sst2", "../shared/data/sst2").map(Path::of).filter(Files::isDirectory)
        .findFirst().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, "no SST-2 next to the project");
    List<String> sentences = new ArrayList<>();
    for (String file : List.of("dev.tsv", "train.tsv")) {
      dev.servescope.inference.train.TsvDataset.read(dir.resolve(file)).forEach(t -> sentences.add(t.text()));
    }
    ModelFiles files = CATALOG.files(CATALOG.require("minilm-l6-int8"));
    WordPiece java = WordPiece.load(files.tokenizer(), 256).orElseThrow();
    try (HuggingFaceTokenizer djl = djl(files, 256)) {
      for (String s : sentences) {
        assertThat(java.encode(s).ids()).as(s).containsExactly(djl.encode(s).getIds());
      }
    }
    assertThat(sentences).hasSizeGreaterThan(60_000);
  }
}
