package dev.servescope.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes one JSON object per line: the CLI's output contract. */
final class JsonOut {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;

  JsonOut(PrintWriter out) {
    this.out = out;
  }

  void line(Map<String, ?> object) {
    try {
      out.println(JSON.writeValueAsString(object));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** An insertion-ordered map built from key, value pairs. */
  static Map<String, Object> obj(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
