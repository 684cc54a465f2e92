package dev.servescope.inference.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values, on Jackson's streaming parser and generator alone: what a server's start and request
 * path use instead of Jackson's object mapper, whose first use costs a cold JVM hundreds of milliseconds of class
 * loading and introspection. Objects read as insertion-ordered {@code Map<String, Object>} (a repeated key keeps its
 * last value), arrays as {@code List<Object>}, numbers as {@link Integer}, {@link Long} or {@link Double} (whichever
 * holds them), and {@code true}, {@code false}, {@code null} as themselves. Anything after the one value is an error.
 */
public final class Json {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
      .build();

  private Json() {}

  /** Malformed JSON; the message says what and where (line and column). */
  public static final class MalformedJsonException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The one value in a document. */
  public static Object read(String json) throws MalformedJsonException {
    try (JsonParser p = FACTORY.createParser(json)) {
      return readWhole(p);
    } catch (MalformedJsonException e) {
      throw e;
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** The one value in a UTF-8 stream (the stream is left open). */
  public static Object read(InputStream utf8) throws IOException {
    try (JsonParser p = FACTORY.createParser(utf8)) {
      return readWhole(p);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw malformed(e);
    }
  }

  private static Object readWhole(JsonParser p) throws IOException {
    if (p.nextToken() == null) {
      throw new MalformedJsonException("no JSON value: the document is empty", null);
    }
    Object value = value(p);
    if (p.nextToken() != null) {
      throw new MalformedJsonException("more after the JSON value at " + where(p), null);
    }
    return value;
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          map.put(name, value(p));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> p.getIntValue();
          case LONG -> p.getLongValue();
          default -> p.getDoubleValue();
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new MalformedJsonException("unexpected " + t + " at " + where(p), null);
    }
  }

  private static String where(JsonParser p) {
    return "line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr();
  }

  private static MalformedJsonException malformed(IOException e) {
    String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
        + (j.getLocation() == null ? "" : " (line " + j.getLocation().getLineNr() + ", column "
            + j.getLocation().getColumnNr() + ")") : e.getMessage();
    return new MalformedJsonException(message, e);
  }

  /**
   * A value as compact UTF-8 JSON: maps (keys as strings), lists, arrays of {@code float} or {@code double},
   * strings, numbers, booleans and null. Non-finite numbers are written as JSON can say them: {@code null}.
   *
   * @throws IllegalArgumentException for any other type
   */
  public static byte[] write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Iterable<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Number n) {
      number(g, n.doubleValue(), v instanceof Float);
    } else if (v instanceof float[] fs) {
      g.writeStartArray();
      for (float f : fs) {
        number(g, f, true);
      }
      g.writeEndArray();
    } else if (v instanceof double[] ds) {
      g.writeStartArray();
      for (double d : ds) {
        number(g, d, false);
      }
      g.writeEndArray();
    } else if (v instanceof Enum<?> e) {
      g.writeString(e.name());
    } else {
      throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
    }
  }

  private static void number(JsonGenerator g, double d, boolean single) throws IOException {
    if (!Double.isFinite(d)) {
      g.writeNull();
    } else if (single) {
      g.writeNumber((float) d);
    } else {
      g.writeNumber(d);
    }
  }
}
