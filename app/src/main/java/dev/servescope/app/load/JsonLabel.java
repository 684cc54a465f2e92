package dev.servescope.app.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The label in a service's JSON answer, found by a JSON Pointer: the same rule on the host and in the sidecar. One
 * addition to RFC 6901: a step {@code [KEY=VALUE]} on an array takes its first element whose field KEY is VALUE, so
 * that {@code /outputs/[name=label]/data/0} finds an Open Inference Protocol output by its name.
 */
public final class JsonLabel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SELECT = Pattern.compile("\\[([^=\\]]+)=([^\\]]*)]");

  private JsonLabel() {}

  /** The label (a string or a number) at {@code pointer}; empty when the pointer is null or the answer lacks it. */
  public static Optional<String> at(String pointer, String answer) {
    if (pointer == null || !pointer.isEmpty() && !pointer.startsWith("/")) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(answer);
      if (node == null) {
        return Optional.empty();
      }
      for (String step : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1)) {
        node = step(node, step.replace("~1", "/").replace("~0", "~"));
      }
      return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static JsonNode step(JsonNode node, String step) {
    Matcher select = SELECT.matcher(step);
    if (node.isArray() && select.matches()) {
      for (JsonNode element : node) {
        JsonNode field = element.path(select.group(1));
        if (field.isValueNode() && field.asText().equals(select.group(2))) {
          return element;
        }
      }
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    if (node.isArray()) {
      try {
        return node.path(Integer.parseInt(step));
      } catch (NumberFormatException e) {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
    }
    return node.path(step);
  }
}
