package dev.servescope.inference.server;

import com.sun.net.httpserver.HttpExchange;
import dev.servescope.inference.json.Json;
import dev.servescope.inference.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reading a prediction request and writing JSON answers on one {@link HttpExchange}. */
final class Exchanges {
  private Exchanges() {}

  /** A request the server answers with a 4xx: the status and a message for the client. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /**
   * The {@code text} field of a {@code {"text": ...}} body of at most {@code maxBodyBytes}, read without ever holding
   * more than that.
   */
  static String readText(HttpExchange exchange, int maxBodyBytes) throws IOException, BadRequest {
    if (!(readObject(exchange, maxBodyBytes, "{\"text\": \"...\"}").get("text") instanceof String text)) {
      throw new BadRequest(400, "missing string field \"text\"");
    }
    return text;
  }

  /**
   * A body of at most {@code maxBodyBytes} that must be a JSON object, read without ever holding more than that.
   *
   * @param shape what the object looks like, for the message when it is not one
   */
  static JsonObject readObject(HttpExchange exchange, int maxBodyBytes, String shape) throws IOException, BadRequest {
    String lengthHeader = exchange.getRequestHeaders().getFirst("Content-Length");
    if (lengthHeader != null) {
      try {
        if (Long.parseLong(lengthHeader.strip()) > maxBodyBytes) {
          throw new BadRequest(413, "body larger than " + maxBodyBytes + " bytes");
        }
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "invalid Content-Length");
      }
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(maxBodyBytes + 1);
    }
    if (body.length > maxBodyBytes) {
      throw new BadRequest(413, "body larger than " + maxBodyBytes + " bytes");
    }
    try {
      String json = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
      Object value = json.isBlank() ? null : Json.read(json);
      if (!JsonObject.isObject(value)) {
        throw new BadRequest(400, "body must be a JSON object like " + shape);
      }
      return JsonObject.of(value);
    } catch (CharacterCodingException e) {
      throw new BadRequest(400, "body is not valid UTF-8");
    } catch (Json.MalformedJsonException e) {
      throw new BadRequest(400, "body is not valid JSON: " + e.getMessage());
    }
  }

  static Map<String, Object> error(String message) {
    return Map.of("error", message);
  }

  static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
    exchange.getResponseHeaders().set("Allow", allowed);
    send(exchange, 405, error("method " + exchange.getRequestMethod() + " not allowed; use " + allowed));
  }

  static void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
    byte[] bytes = Json.write(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    if (status >= 400) {
      // An error may leave part of the request unread: do not reuse the connection.
      exchange.getResponseHeaders().set("Connection", "close");
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
