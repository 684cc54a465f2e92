package dev.servescope.inference.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.servescope.inference.InvalidInputException;
import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.classify.Predictor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP prediction API every ServeScope image serves, on the JDK's built-in HTTP server:
 * <ul>
 *   <li>{@code POST /prediction} with {@code {"text": "..."}}: label, score, probabilities, model, truncated;
 *   <li>{@code GET /health_check}: {@code {"status":"ok","model":...}};
 *   <li>{@code GET /}: the prediction for a fixed sample sentence.
 * </ul>
 * Bad input gets a 4xx with {@code {"error": ...}}, never a crash: a body over the limit is 413, bad JSON, a missing
 * or empty {@code text} or invalid UTF-8 is 400, a wrong method is 405. A bounded worker pool and queue keep memory
 * flat under load; when both are full the server answers 503 at once. {@link #close()} stops accepting, lets
 * requests in flight finish, then releases the workers (the predictor stays the caller's).
 */
public final class PredictionServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PredictionServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  /** The sentence {@code GET /} classifies. */
  public static final String SAMPLE_TEXT = "ServeScope makes the cost of every packaging decision easy to see.";

  // JDK 17's HttpServer.stop waits out the whole delay, so keep it short; predictions take milliseconds.
  private static final int GRACE_SECONDS = 2;

  /** Set while the dispatcher runs a request inline because the pool and queue are full. */
  private static final ThreadLocal<Boolean> OVERLOADED = ThreadLocal.withInitial(() -> false);

  private final Predictor classifier;
  private final ServerConfig config;
  private final HttpServer http;
  private final ThreadPoolExecutor workers;
  private final AtomicInteger rejected = new AtomicInteger();
  private volatile boolean closed;

  private PredictionServer(Predictor classifier, ServerConfig config, HttpServer http, ThreadPoolExecutor workers) {
    this.classifier = classifier;
    this.config = config;
    this.http = http;
    this.workers = workers;
  }

  /** Binds and starts serving. */
  public static PredictionServer start(Predictor classifier, ServerConfig config) throws IOException {
    // Without TCP_NODELAY, Nagle's algorithm and delayed ACKs add milliseconds to every small JSON answer. The JDK
    // reads this property once, when its first HTTP server is made.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    AtomicInteger threadNo = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.SECONDS,
        config.queue() == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(config.queue()),
        r -> {
          Thread t = new Thread(r, "prediction-" + threadNo.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    HttpServer http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 128);
    PredictionServer server = new PredictionServer(classifier, config, http, pool);
    http.setExecutor(server.admission());
    http.createContext("/", server::handle);
    http.start();
    LOG.info("serving {} on http://{}:{} ({} workers, queue {})", classifier.modelId(),
        config.bindAddress().getHostAddress(), server.port(), config.workers(), config.queue());
    return server;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Requests answered 503 because the pool and queue were full. */
  public int rejectedCount() {
    return rejected.get();
  }

  /**
   * Runs each exchange on the worker pool; when pool and queue are full, runs it on the dispatcher thread with the
   * overload flag set, so that the handler answers 503 at once instead of the connection being dropped.
   */
  private Executor admission() {
    return task -> {
      try {
        workers.execute(task);
      } catch (RejectedExecutionException e) {
        OVERLOADED.set(true);
        try {
          task.run();
        } finally {
          OVERLOADED.set(false);
        }
      }
    };
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (OVERLOADED.get() || closed) {
        rejected.incrementAndGet();
        exchange.getResponseHeaders().set("Retry-After", "1");
        send(exchange, 503, error(closed ? "server is shutting down" : "server is busy, retry later"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      switch (path) {
        case "/prediction" -> {
          if (!method.equals("POST")) {
            methodNotAllowed(exchange, "POST");
          } else {
            predict(exchange);
          }
        }
        case "/health_check" -> {
          if (!method.equals("GET") && !method.equals("HEAD")) {
            methodNotAllowed(exchange, "GET");
          } else {
            send(exchange, 200, Map.of("status", "ok", "model", classifier.modelId()));
          }
        }
        case "/" -> {
          if (!method.equals("GET") && !method.equals("HEAD")) {
            methodNotAllowed(exchange, "GET");
          } else {
            send(exchange, 200, toJson(SAMPLE_TEXT, classifier.predict(SAMPLE_TEXT)));
          }
        }
        default -> send(exchange, 404, error("no such endpoint: " + path));
      }
    } catch (IOException e) {
      LOG.debug("client went away: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("prediction failed", e);
      trySend(exchange, 500, error("internal error: " + e.getMessage()));
    }
  }

  private void predict(HttpExchange exchange) throws IOException {
    String lengthHeader = exchange.getRequestHeaders().getFirst("Content-Length");
    if (lengthHeader != null) {
      try {
        if (Long.parseLong(lengthHeader.strip()) > config.maxBodyBytes()) {
          send(exchange, 413, error("body larger than " + config.maxBodyBytes() + " bytes"));
          return;
        }
      } catch (NumberFormatException e) {
        send(exchange, 400, error("invalid Content-Length"));
        return;
      }
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(config.maxBodyBytes() + 1);
    }
    if (body.length > config.maxBodyBytes()) {
      send(exchange, 413, error("body larger than " + config.maxBodyBytes() + " bytes"));
      return;
    }
    String text;
    try {
      String json = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject()) {
        send(exchange, 400, error("body must be a JSON object like {\"text\": \"...\"}"));
        return;
      }
      JsonNode textNode = node.get("text");
      if (textNode == null || !textNode.isTextual()) {
        send(exchange, 400, error("missing string field \"text\""));
        return;
      }
      text = textNode.asText();
    } catch (CharacterCodingException e) {
      send(exchange, 400, error("body is not valid UTF-8"));
      return;
    } catch (JsonProcessingException e) {
      send(exchange, 400, error("body is not valid JSON: " + e.getOriginalMessage()));
      return;
    }
    try {
      send(exchange, 200, toJson(text, classifier.predict(text)));
    } catch (InvalidInputException e) {
      send(exchange, 400, error(e.getMessage()));
    }
  }

  private static Map<String, Object> toJson(String text, Prediction p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("label", p.label());
    out.put("score", p.score());
    out.put("probabilities", p.probabilityMap());
    out.put("model", p.model());
    out.put("truncated", p.truncated());
    out.put("tokens", p.tokens());
    out.put("inference_ms", Math.round(p.timings().totalMs() * 1000) / 1000.0);
    return out;
  }

  private static Map<String, Object> error(String message) {
    return Map.of("error", message);
  }

  private static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
    exchange.getResponseHeaders().set("Allow", allowed);
    send(exchange, 405, error("method " + exchange.getRequestMethod() + " not allowed; use " + allowed));
  }

  private static void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
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

  private static void trySend(HttpExchange exchange, int status, Map<String, ?> body) {
    try {
      send(exchange, status, body);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not send error response: {}", e.getMessage());
    }
  }

  /** Stops accepting connections, lets requests in flight finish (up to a few seconds), stops the workers. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    http.stop(GRACE_SECONDS);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("prediction server stopped");
  }
}
