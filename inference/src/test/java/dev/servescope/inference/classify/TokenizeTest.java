package dev.servescope.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoder's lean tokenization (three arrays and the overflow count straight from DJL's native encoding) gives
 * exactly what DJL's full {@code encode()} gives, for both tokenizer families and for awkward text.
 */
class TokenizeTest {
  private static final ModelCatalog CATALOG = ModelCatalog.withDefaultCache();
  private static final List<String> TEXTS = List.of(
      "The update fixed every crash I had.",
      "  leading and trailing white space\t\n",
      "Émile's café served crème brûlée 🍮🎉 — naïvely good!",
      "控制字符\u0001\u0007 and CJK 日本語のテキスト",
      "word ".repeat(600),
      "x".repeat(20_000),
      // Cut before tokenizing: a megabyte of words, then white space hiding the words past the first cut, then one
      // giant word, then words ending right at the cut.
      "word ".repeat(200_000),
      " ".repeat(100_000) + "a good movie " + "y".repeat(50_000),
      "é".repeat(9_000) + " tail",
      "ab ".repeat(1_500) + "unbelievable ".repeat(2_000));

  @Test
  void leanTokenizationMatchesDjlsFullEncoding() {
    for (String id : List.of("minilm-l6-int8", "bge-small-int8")) {
      ModelFiles files = CATALOG.files(CATALOG.require(id));
      try (Encoder encoder = Encoder.open(files, ClassifierOptions.defaults().withThreads(1));
          HuggingFaceTokenizer djl = Encoder.openTokenizer(files, encoder.maxTokens())) {
        for (String text : TEXTS) {
          Tokens lean = encoder.tokenize(text);
          Encoding full = djl.encode(text);
          String what = id + ": " + text.substring(0, Math.min(30, text.length()));
          assertThat(lean.ids()).as(what).containsExactly(full.getIds());
          assertThat(lean.attentionMask()).as(what).containsExactly(full.getAttentionMask());
          assertThat(lean.typeIds()).as(what).containsExactly(full.getTypeIds());
          assertThat(lean.truncated()).as(what).isEqualTo(full.exceedMaxLength());
          assertThat(lean.length()).as(what).isLessThanOrEqualTo(encoder.maxTokens());
        }
        assertThat(encoder.tokenize("word ".repeat(600)).truncated()).isTrue();
        assertThat(encoder.tokenize("short").truncated()).isFalse();
        assertThat(encoder.tokenize(" ".repeat(100_000) + "short").truncated()).isFalse();
      }
    }
  }
}
