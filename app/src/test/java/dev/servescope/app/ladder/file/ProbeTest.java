package dev.servescope.app.ladder.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbeTest {
  private static final Probe FOREIGN = new Probe(9000, "/healthz", "/predict", "{\"inputs\": [${text}]}",
      "/result/0/label");

  @Test
  void theSentenceGoesIntoTheRequestAsQuotedJson() {
    assertThat(Probe.SERVESCOPE.body("plain")).isEqualTo("{\"text\": \"plain\"}");
    assertThat(FOREIGN.body("say \"hi\"\n\\ 🎉")).isEqualTo("{\"inputs\": [\"say \\\"hi\\\"\\n\\\\ 🎉\"]}");
  }

  @Test
  void theLabelIsReadWhereThePointerSaysAsTextOrNumber() {
    assertThat(Probe.SERVESCOPE.labelOf("{\"label\": \"positive\", \"score\": 0.9}")).contains("positive");
    assertThat(FOREIGN.labelOf("{\"result\": [{\"label\": 1}]}")).contains("1");
    assertThat(FOREIGN.labelOf("{\"result\": []}")).isEmpty();
    assertThat(FOREIGN.labelOf("{\"result\": [{\"label\": {\"nested\": true}}]}")).isEmpty();
    assertThat(FOREIGN.labelOf("not json")).isEmpty();
    assertThat(new Probe(9000, "/h", "/p", "${text}", null).labelOf("{\"label\": \"x\"}")).as("no pointer")
        .isEmpty();
  }

  @Test
  void aProbeSaysWhatIsWrongWithIt() {
    assertThat(Probe.SERVESCOPE.problem()).isEmpty();
    assertThat(FOREIGN.problem()).isEmpty();
    assertThat(new Probe(0, "/h", "/p", "${text}", null).problem()).get().asString().contains("port");
    assertThat(new Probe(80, "h", "/p", "${text}", null).problem()).get().asString().contains("starting with '/'");
    assertThat(new Probe(80, "/h", "/p", "{\"text\": ${text}", null).problem()).get().asString()
        .contains("not JSON");
    assertThat(new Probe(80, "/h", "/p", "${text}", "label").problem()).get().asString().contains("JSON Pointer");
  }
}
