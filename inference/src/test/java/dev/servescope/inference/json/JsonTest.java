package dev.servescope.inference.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void readsEveryKindOfValueAsPlainJava() throws Exception {
    Object v = Json.read("{\"s\": \"a\\u00e9\\n\", \"i\": 7, \"l\": 12345678901, \"d\": -0.5, \"e\": 1e3,"
        + " \"t\": true, \"f\": false, \"n\": null, \"list\": [1, [2], {}], \"o\": {\"k\": \"v\"}}");
    JsonObject o = JsonObject.of(v);
    assertThat(o.get("s")).isEqualTo("a\u00e9\n");
    assertThat(o.get("i")).isEqualTo(7);
    assertThat(o.get("l")).isEqualTo(12345678901L);
    assertThat(o.get("d")).isEqualTo(-0.5);
    assertThat(o.get("e")).isEqualTo(1000.0);
    assertThat(o.get("t")).isEqualTo(true);
    assertThat(o.get("f")).isEqualTo(false);
    assertThat(o.has("n")).isTrue();
    assertThat(o.get("n")).isNull();
    assertThat(o.list("list")).containsExactly(1, List.of(2), Map.of());
    assertThat(o.object("o").string("k", "")).isEqualTo("v");
    assertThat(o.fields().keySet()).containsExactly("s", "i", "l", "d", "e", "t", "f", "n", "list", "o");
  }

  @Test
  void lenientAccessorsFallBackOnMissingOrMistypedFields() throws Exception {
    JsonObject o = JsonObject.of(Json.read("{\"n\": 1, \"s\": \"x\"}"));
    assertThat(o.string("n", "fallback")).isEqualTo("fallback");
    assertThat(o.integer("s", -1)).isEqualTo(-1);
    assertThat(o.bool("missing", true)).isTrue();
    assertThat(o.object("s").fields()).isEmpty();
    assertThat(o.list("n")).isEmpty();
    assertThat(JsonObject.isObject(Json.read("[]"))).isFalse();
  }

  @Test
  void aRepeatedKeyKeepsItsLastValue() throws Exception {
    assertThat(JsonObject.of(Json.read("{\"text\": \"a\", \"text\": \"b\"}")).get("text")).isEqualTo("b");
  }

  @Test
  void malformedDocumentsSayWhatAndWhere() {
    assertThatThrownBy(() -> Json.read("")).isInstanceOf(Json.MalformedJsonException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> Json.read("{\"a\": 1}\n{}")).isInstanceOf(Json.MalformedJsonException.class)
        .hasMessageContaining("more after the JSON value").hasMessageContaining("line 2");
    assertThatThrownBy(() -> Json.read("{\"a\": tru}")).isInstanceOf(Json.MalformedJsonException.class)
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> Json.read("[1, 2")).isInstanceOf(Json.MalformedJsonException.class);
    assertThatThrownBy(() -> Json.read(new ByteArrayInputStream("{\"a\":".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(Json.MalformedJsonException.class);
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertThatThrownBy(() -> Json.read(deep)).isInstanceOf(Json.MalformedJsonException.class)
        .hasMessageContaining("depth");
  }

  @Test
  void writesWhatItReadsBack() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("text", "quote \" backslash \\ tab \t snowman \u2603");
    value.put("n", 3);
    value.put("x", 0.25);
    value.put("f", 1.5f);
    value.put("list", List.of(true, false));
    value.put("floats", new float[] {0.125f, -2f});
    value.put("nothing", null);
    value.put("nan", Double.NaN);
    String json = new String(Json.write(value), StandardCharsets.UTF_8);

    JsonObject back = JsonObject.of(Json.read(json));
    assertThat(back.get("text")).isEqualTo(value.get("text"));
    assertThat(back.get("n")).isEqualTo(3);
    assertThat(back.get("x")).isEqualTo(0.25);
    assertThat(back.get("f")).isEqualTo(1.5);
    assertThat(back.list("list")).containsExactly(true, false);
    assertThat(back.list("floats")).containsExactly(0.125, -2.0);
    assertThat(back.get("nothing")).isNull();
    assertThat(back.has("nan")).isTrue();
    assertThat(back.get("nan")).isNull();
    assertThat(Arrays.asList(json.split(",")).get(0)).startsWith("{\"text\":");
  }

  @Test
  void refusesToWriteWhatJsonCannotSay() {
    assertThatThrownBy(() -> Json.write(Map.of("x", new Object()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }
}
