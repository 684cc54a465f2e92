package dev.servescope.inference.json;

import java.util.List;
import java.util.Map;

/**
 * A read JSON object with lenient accessors, like a path through a tree: a field that is missing or of another type
 * reads as the fallback (or an empty object or list), so that a reader checks shapes where it matters and only there.
 */
public record JsonObject(Map<String, Object> fields) {
  private static final JsonObject EMPTY = new JsonObject(Map.of());

  /** The value as an object; empty when it is not one. */
  @SuppressWarnings("unchecked")
  public static JsonObject of(Object value) {
    return value instanceof Map<?, ?> m ? new JsonObject((Map<String, Object>) m) : EMPTY;
  }

  /** Whether the value was an object at all (an empty one included). */
  public static boolean isObject(Object value) {
    return value instanceof Map<?, ?>;
  }

  public boolean has(String name) {
    return fields.containsKey(name);
  }

  /** The raw value: a map, list, string, number, boolean, or null (also when missing). */
  public Object get(String name) {
    return fields.get(name);
  }

  public JsonObject object(String name) {
    return of(fields.get(name));
  }

  /** The field as a list; empty when it is not one. */
  @SuppressWarnings("unchecked")
  public List<Object> list(String name) {
    return fields.get(name) instanceof List<?> l ? (List<Object>) l : List.of();
  }

  public String string(String name, String fallback) {
    return fields.get(name) instanceof String s ? s : fallback;
  }

  public boolean bool(String name, boolean fallback) {
    return fields.get(name) instanceof Boolean b ? b : fallback;
  }

  /** An integral number that fits an {@code int}; the fallback for anything else. */
  public int integer(String name, int fallback) {
    return fields.get(name) instanceof Integer i ? i : fallback;
  }
}
