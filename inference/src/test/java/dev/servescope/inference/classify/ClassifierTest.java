package dev.servescope.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.servescope.inference.InvalidInputException;
import dev.servescope.inference.model.ModelCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default variant end to end, on the real model from its Maven jar. */
class ClassifierTest {
  private static final ModelCatalog CATALOG = ModelCatalog.withDefaultCache();
  private static Classifier classifier;

  @BeforeAll
  static void open() {
    classifier = Classifier.open(CATALOG, CATALOG.require("minilm-l6-fp32"), new ClassifierOptions(1,
        ClassifierOptions.Optimization.ALL));
  }

  @AfterAll
  static void close() {
    classifier.close();
  }

  @Test
  void predictionCarriesProbabilitiesTokensAndTimings() {
    Prediction p = classifier.predict("A wonderful, heartfelt film.");
    assertThat(p.label()).isEqualTo("positive");
    assertThat(p.model()).isEqualTo("minilm-l6-fp32");
    assertThat(p.probabilities()[0] + p.probabilities()[1]).isCloseTo(1.0, within(1e-9));
    assertThat(p.score()).isEqualTo(p.probability("positive"));
    assertThat(p.truncated()).isFalse();
    assertThat(p.tokens()).isBetween(6, 12);
    Timings t = p.timings();
    assertThat(t.tokenizeNanos()).isPositive();
    assertThat(t.inferenceNanos()).isPositive();
    assertThat(t.totalNanos()).isGreaterThanOrEqualTo(t.tokenizeNanos() + t.inferenceNanos() + t.headNanos());
  }

  @Test
  void longTextIsCutToTheModelLimitAndSaysSo() {
    String longText = "the service was slow and the food was cold . ".repeat(200);
    Prediction p = classifier.predict(longText);
    assertThat(p.truncated()).isTrue();
    assertThat(p.tokens()).isEqualTo(classifier.variant().maxTokens());
    assertThat(p.label()).isEqualTo("negative");
  }

  @Test
  void aMegabyteOfTextIsTruncatedNotFatal() {
    String huge = "great ".repeat((1 << 20) / 6);
    Prediction p = classifier.predict(huge);
    assertThat(p.truncated()).isTrue();
    assertThat(p.tokens()).isEqualTo(classifier.variant().maxTokens());
    // One 1 MB "word" is a single unknown token to WordPiece: nothing to truncate.
    Prediction oneWord = classifier.predict("x".repeat(1 << 20));
    assertThat(oneWord.truncated()).isFalse();
    assertThat(oneWord.tokens()).isEqualTo(3);
  }

  @Test
  void emojiAndControlCharactersStillClassify() {
    assertThat(classifier.predict("I love it \uD83D\uDE0D\uD83C\uDF89").label()).isNotBlank();
    assertThat(classifier.predict("tab\there\u0000\u0007 and a bell").tokens()).isGreaterThan(2);
  }

  @Test
  void emptyOrBlankTextIsRejectedClearly() {
    assertThatThrownBy(() -> classifier.predict("")).isInstanceOf(InvalidInputException.class)
        .hasMessage("text is empty");
    assertThatThrownBy(() -> classifier.predict(" \n\t ")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> classifier.predict(null)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void concurrentCallsGiveTheSameAnswersAsSequentialOnes() throws Exception {
    List<String> texts = List.of("I hated every minute.", "Absolutely brilliant work!", "The plot was dull.",
        "A charming, funny story.");
    List<Prediction> sequential = texts.stream().map(classifier::predict).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Prediction>> futures = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (String t : texts) {
          futures.add(pool.submit(() -> classifier.predict(t)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        Prediction expected = sequential.get(i % texts.size());
        Prediction actual = futures.get(i).get();
        assertThat(actual.label()).isEqualTo(expected.label());
        assertThat(actual.score()).isCloseTo(expected.score(), within(1e-5));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void embeddingsAreUnitLength() {
    float[] v = classifier.embed("some text");
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    assertThat(v).hasSize(384);
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void aShortTextAfterALongOneEmbedsAsItWouldFirst() {
    String shortText = "A short one.";
    try (Classifier fresh = Classifier.open(CATALOG, CATALOG.require("minilm-l6-fp32"), new ClassifierOptions(1,
        ClassifierOptions.Optimization.ALL))) {
      float[] first = fresh.embed(shortText);
      // the same reused buffers, now holding a long text's rows beyond the short one's
      fresh.embed("the service was slow and the food was cold . ".repeat(40));
      float[] after = fresh.embed(shortText);
      assertThat(after).containsExactly(first, within(1e-6f));
      assertThat(fresh.embedBatch(List.of(shortText))[0]).containsExactly(first, within(1e-6f));
    }
  }
}
