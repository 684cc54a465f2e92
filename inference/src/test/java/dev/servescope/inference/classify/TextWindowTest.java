package dev.servescope.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWindowTest {

  @Test
  void aTextWithinTheBudgetIsKeptWhole() {
    assertThat(TextWindow.cutPoint("short text", 10)).isEqualTo(10);
    assertThat(TextWindow.cutPoint("", 10)).isZero();
  }

  @Test
  void aLongTextIsCutAtTheLastWhiteSpaceInsideTheBudget() {
    String text = "aaaa bbbb cccc dddd";
    assertThat(TextWindow.cutPoint(text, 12)).isEqualTo(9);
    assertThat(text.substring(0, TextWindow.cutPoint(text, 12))).isEqualTo("aaaa bbbb");
    assertThat(TextWindow.cutPoint(text, 14)).isEqualTo(14); // the budget ends on a space
  }

  @Test
  void withoutWhiteSpaceInTheSecondHalfTheBudgetIsTheCut() {
    assertThat(TextWindow.cutPoint("a " + "x".repeat(40), 20)).isEqualTo(20);
  }

  @Test
  void aSurrogatePairIsNeverSplit() {
    String text = "x".repeat(9) + "\uD83C\uDF6E" + "x".repeat(10);
    assertThat(TextWindow.cutPoint(text, 10)).isEqualTo(9);
    assertThat(TextWindow.cutPoint(text, 11)).isEqualTo(11);
  }
}
