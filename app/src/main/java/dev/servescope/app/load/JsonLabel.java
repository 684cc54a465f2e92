package dev.servescope.app.load;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** The label in a service's JSON answer, found by a JSON Pointer: the same rule on the host and in the sidecar. */
public final class JsonLabel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLabel() {}

  /** The label (a string or a number) at {@code pointer}; empty when the pointer is null or the answer lacks it. */
  public static Optional<String> at(String pointer, String answer) {
    if (pointer == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(answer).at(JsonPointer.compile(pointer));
      return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
