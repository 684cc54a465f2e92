package dev.servescope.inference.server;

import static dev.servescope.inference.server.Exchanges.error;
import static dev.servescope.inference.server.Exchanges.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.servescope.inference.InvalidInputException;
import dev.servescope.inference.classify.PredictionJson;
import dev.servescope.inference.classify.Predictor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP prediction API every ServeScope image serves, on the JDK's built-in HTTP server:
 * <ul>
 *   <li>{@code POST /prediction} with {@code {"text": "..."}}: the prediction ({@link PredictionJson});
 *   <li>{@code GET /health_check}: {@code {"status":"ok","model":...}};
 *   <li>{@code GET /}: the prediction for a fixed sample sentence;
 *   <li>the Open Inference Protocol ({@link OpenInference}): {@code GET /v2}, {@code /v2/health/live},
 *       {@code /v2/health/ready}, {@code /v2/models/MODEL}, {@code /v2/models/MODEL/ready} and
 *       {@code POST /v2/models/MODEL/infer}, MODEL being the variant id.
 * </ul>
 * Bad input gets a 4xx with {@code {"error": ...}}, never a crash: a body over the limit is 413, bad JSON, a missing
 * or empty {@code text} or invalid UTF-8 is 400, a wrong method is 405. A failure of the model is a 500 whose message
 * names no file and carries no stack trace (the log has the details).
 *
 * <p>Slow clients stay away from the model. Reader threads, one per open connection, receive requests; a
 * client that takes longer than the request timeout to send its request is disconnected, and connections beyond the
 * cap are refused. Only a request received whole is admitted to the model: at most {@code workers} predictions run at
 * once, at most {@code queue} more wait (first come, first served), and beyond that the server answers 503 at once. A
 * prediction runs on the thread that received its request, with no hand-over to another pool: on one CPU the hop
 * there and back cost more than the JSON (measured in dockerfiles/README.md). Nothing runs on the dispatcher thread.
 * {@link #close()} stops accepting, lets requests in flight finish, then releases the threads (the predictor stays
 * the caller's).
 */
public final class PredictionServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PredictionServer.class);

  /** The sentence {@code GET /} classifies. */
  public static final String SAMPLE_TEXT = "ServeScope makes the cost of every packaging decision easy to see.";

  // JDK 17's HttpServer.stop waits out the whole delay, so keep it short; predictions take milliseconds.
  private static final int GRACE_SECONDS = 2;

  private final Predictor classifier;
  private final OpenInference v2;
  private final ServerConfig config;
  private final JdkServerLimits.InForce limits;
  private final HttpServer http;
  private final ThreadPoolExecutor readers;
  /** One permit per prediction allowed to run at once; fair, so that waiting requests go in arrival order. */
  private final Semaphore running;
  /** Requests admitted to the model: running or waiting for a permit. */
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private volatile boolean closed;

  private PredictionServer(Predictor classifier, ServerConfig config, JdkServerLimits.InForce limits,
      HttpServer http, ThreadPoolExecutor readers) {
    this.classifier = classifier;
    String version = PredictionServer.class.getPackage().getImplementationVersion();
    this.v2 = new OpenInference(classifier.modelId(), version == null ? "development" : version);
    this.config = config;
    this.limits = limits;
    this.http = http;
    this.readers = readers;
    this.running = new Semaphore(config.workers(), true);
  }

  /** Binds and starts serving. */
  public static PredictionServer start(Predictor classifier, ServerConfig config) throws IOException {
    JdkServerLimits.InForce limits = JdkServerLimits.apply(config);
    // Each exchange goes to the reader that went idle last (a SynchronousQueue hands over last in, first out), so a
    // steady load runs on the few threads whose caches are warm; a fixed pool took its threads in turn, all of them
    // (measured in dockerfiles/README.md). The connection cap bounds the readers busy at once; the margin covers
    // the moment between an exchange's end, when the JDK's server counts its connection free, and its reader being
    // idle again, so that no connection the cap allows is refused for want of a thread.
    ThreadPoolExecutor readers = new ThreadPoolExecutor(0, 2 * limits.maxConnections(), 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), daemons("http-reader-"));
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 128);
    } catch (IOException | RuntimeException e) {
      readers.shutdown();
      throw e;
    }
    PredictionServer server = new PredictionServer(classifier, config, limits, http, readers);
    http.setExecutor(readers);
    http.createContext("/", server::handle);
    http.start();
    LOG.info("serving {} on http://{}:{} ({} workers, queue {}, request timeout {} s, at most {} connections)",
        classifier.modelId(), config.bindAddress().getHostAddress(), server.port(), config.workers(), config.queue(),
        limits.requestTimeout().toSeconds(), limits.maxConnections());
    return server;
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + number.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** Requests answered 503 because the workers and their queue were full. */
  public int rejectedCount() {
    return rejected.get();
  }

  /** Requests received and waiting for a worker. */
  public int waiting() {
    return running.getQueueLength();
  }

  /** Whether {@link #close()} has begun: new requests are answered 503 from then on. */
  public boolean isClosed() {
    return closed;
  }

  /** The time a client has to send a request, as in force in this process. */
  public Duration requestTimeout() {
    return limits.requestTimeout();
  }

  /** The most connections open at once, as in force in this process. */
  public int maxConnections() {
    return limits.maxConnections();
  }

  private void handle(HttpExchange exchange) {
    try {
      route(exchange);
    } catch (Exchanges.BadRequest e) {
      trySend(exchange, e.status, error(e.getMessage()));
    } catch (IOException e) {
      LOG.debug("client went away: {}", e.getMessage());
    } catch (RuntimeException e) {
      // The message may name files or internals: the log has it, the client gets a plain 500.
      LOG.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
      trySend(exchange, 500, error("internal error: the server could not answer this request; see its log"));
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException, Exchanges.BadRequest {
    if (closed) {
      busy(exchange, "server is shutting down");
      return;
    }
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    boolean get = method.equals("GET") || method.equals("HEAD");
    switch (path) {
      case "/prediction" -> {
        if (!method.equals("POST")) {
          Exchanges.methodNotAllowed(exchange, "POST");
        } else {
          answer(exchange, Exchanges.readText(exchange, config.maxBodyBytes()));
        }
      }
      case "/health_check" -> {
        if (!get) {
          Exchanges.methodNotAllowed(exchange, "GET");
        } else {
          send(exchange, 200, Map.of("status", "ok", "model", classifier.modelId()));
        }
      }
      case "/" -> {
        if (!get) {
          Exchanges.methodNotAllowed(exchange, "GET");
        } else {
          answer(exchange, SAMPLE_TEXT);
        }
      }
      default -> {
        if (path.equals("/v2") || path.startsWith("/v2/")) {
          routeV2(exchange, path, get);
        } else {
          send(exchange, 404, error("no such endpoint: " + path));
        }
      }
    }
  }

  /** The Open Inference Protocol's endpoints. */
  private void routeV2(HttpExchange exchange, String path, boolean get) throws IOException, Exchanges.BadRequest {
    String models = "/v2/models/";
    boolean infer = path.startsWith(models) && path.endsWith("/infer");
    if (infer ? !exchange.getRequestMethod().equals("POST") : !get) {
      Exchanges.methodNotAllowed(exchange, infer ? "POST" : "GET");
      return;
    }
    switch (path) {
      case "/v2" -> send(exchange, 200, v2.serverMetadata());
      case "/v2/health/live" -> send(exchange, 200, Map.of("live", true));
      case "/v2/health/ready" -> send(exchange, 200, Map.of("ready", true));
      default -> {
        String rest = path.startsWith(models) ? path.substring(models.length()) : "";
        String name = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        String what = rest.substring(name.length());
        if (what.startsWith("/versions/")) {
          send(exchange, 404, error("this server keeps no model versions: use " + models + name + what
              .replaceFirst("^/versions/[^/]*", "")));
        } else if (rest.isEmpty() || !(what.isEmpty() || what.equals("/ready") || what.equals("/infer"))) {
          send(exchange, 404, error("no such endpoint: " + path));
        } else if (!name.equals(v2.model())) {
          send(exchange, 404, error("unknown model \"" + name + "\": this server serves \"" + v2.model() + "\""));
        } else if (what.isEmpty()) {
          send(exchange, 200, v2.modelMetadata(classifier.labels()));
        } else if (what.equals("/ready")) {
          send(exchange, 200, Map.of("name", name, "ready", true));
        } else {
          OpenInference.Request request = v2.request(Exchanges.readObject(exchange, config.maxBodyBytes(),
              "{\"inputs\": [...]}"));
          answer(exchange, () -> v2.response(request, request.texts().stream().map(classifier::predict).toList()));
        }
      }
    }
  }

  /** Classifies on a worker and answers; 503 at once when the workers and their queue are full. */
  private void answer(HttpExchange exchange, String text) throws IOException, Exchanges.BadRequest {
    answer(exchange, () -> PredictionJson.of(classifier.predict(text)));
  }

  /**
   * Runs a prediction on this thread once a worker's permit is free and answers with what it gives; 503 at once when
   * the workers are busy and the queue is full.
   */
  private void answer(HttpExchange exchange, Callable<Map<String, ?>> work) throws IOException, Exchanges.BadRequest {
    if (admitted.incrementAndGet() > config.workers() + config.queue()) {
      admitted.decrementAndGet();
      busy(exchange, "server is busy, retry later");
      return;
    }
    Map<String, ?> answer;
    try {
      running.acquire();
      try {
        answer = work.call();
      } finally {
        running.release();
      }
    } catch (InvalidInputException invalid) {
      throw new Exchanges.BadRequest(400, invalid.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      busy(exchange, "server is shutting down");
      return;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      admitted.decrementAndGet();
    }
    send(exchange, 200, answer);
  }

  private void busy(HttpExchange exchange, String message) throws IOException {
    rejected.incrementAndGet();
    exchange.getResponseHeaders().set("Retry-After", "1");
    send(exchange, 503, error(message));
  }

  private static void trySend(HttpExchange exchange, int status, Map<String, ?> body) {
    try {
      send(exchange, status, body);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not send the {} answer: {}", status, e.getMessage());
    }
  }

  /** Stops accepting connections, lets requests in flight finish (up to a few seconds), stops the threads. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    http.stop(GRACE_SECONDS);
    readers.shutdown();
    try {
      if (!readers.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
        readers.shutdownNow();
      }
    } catch (InterruptedException e) {
      readers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("prediction server stopped");
  }
}
