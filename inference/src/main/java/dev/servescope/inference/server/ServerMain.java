package dev.servescope.inference.server;

import dev.servescope.inference.bench.InProcessLoad;
import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.classify.Encoder;
import dev.servescope.inference.classify.ModelOptimizer;
import dev.servescope.inference.classify.WordPiece;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelVariant;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of every ServeScope image: serves a model folder over HTTP until SIGTERM. Settings come from the
 * environment so that Dockerfiles and {@code docker run -e} can set them: {@code MODEL_DIR} (default {@code
 * /models/current}), {@code MODEL_URL} (when set and {@code MODEL_DIR} has no model, the model folder is downloaded
 * from there first), {@code PORT} (8080), {@code THREADS} (ONNX Runtime intra-op threads, default: the CPUs the
 * container may use), {@code WORKERS} (concurrent requests, default: the CPUs the container may use), {@code QUEUE}
 * (64). With the argument {@code --warm-up-and-exit} it loads the model, answers a health check and the sample sentence
 * through its HTTP server on a loopback port, and exits: image builds use this to record which jars are loaded and what
 * start-up caches hold. With {@code --optimize-model} it saves {@code MODEL_DIR}'s graph optimised ({@link
 * ModelOptimizer}) and its tokenizer prepared ({@link WordPiece#prepare}) and exits: image builds use this so that
 * containers load a graph already optimised and skip parsing {@code tokenizer.json}. With {@code
 * IN_PROCESS_LOAD=CALLERS,WARMUP_MS,WINDOW_MS} set it serves nothing: it puts that closed-loop load on the model in
 * this process ({@link InProcessLoad}, over {@code IN_PROCESS_SENTENCES}, one a line), logs {@code in-process load:
 * {json}} and exits; the ladder starts each rung's image so, on the CPUs it served from, to measure what serving costs.
 */
public final class ServerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    StartPhases phases = new StartPhases().mark("main");
    Path modelDir = Path.of(env("MODEL_DIR", "/models/current"));
    int port = Integer.parseInt(env("PORT", "8080"));
    int cpus = Runtime.getRuntime().availableProcessors();
    int threads = Integer.parseInt(env("THREADS", String.valueOf(cpus)));
    int workers = Integer.parseInt(env("WORKERS", String.valueOf(cpus)));
    int queue = Integer.parseInt(env("QUEUE", "64"));
    String modelUrl = env("MODEL_URL", "");
    if (!modelUrl.isEmpty()) {
      ModelDownload.ensure(modelUrl, modelDir);
    }

    ModelCatalog catalog = ModelCatalog.withDefaultCache();
    if (args.length > 0 && args[0].equals("--optimize-model")) {
      ModelOptimizer.Result r = ModelOptimizer.optimize(catalog, modelDir);
      LOG.info("optimised {} with ONNX Runtime {}: {} -> {} bytes, vectors within {}", modelDir, r.ortVersion(),
          r.bytesBefore(), r.bytesAfter(), r.maxDifference());
      LOG.info("tokenizer prepared: {}", WordPiece.prepare(modelDir.resolve("tokenizer.json"))
          .map(Path::toString).orElse("no, it is not a WordPiece tokenizer this server reads in Java"));
      return;
    }
    long loadStart = System.nanoTime();
    ModelVariant variant = catalog.fromDirectory(modelDir);
    phases.mark("variant");
    Classifier classifier = Classifier.openForPredictions(catalog, variant,
        ClassifierOptions.defaults().withThreads(threads));
    Encoder.Opened opened = classifier.encoder().opened();
    phases.mark("runtime", opened.runtimeNanos()).mark("session", opened.sessionNanos())
        .mark("tokenizer", opened.tokenizerNanos()).mark("model");
    // The ladder's model_loaded milestone is this line's time: print it now, and the breakdown once it listens.
    LOG.info("loaded {} in {} ms", variant.id(), (System.nanoTime() - loadStart) / 1_000_000);
    String inProcess = env("IN_PROCESS_LOAD", "");
    if (!inProcess.isEmpty()) {
      loadInProcess(classifier, inProcess, env("IN_PROCESS_SENTENCES", PredictionServer.SAMPLE_TEXT));
      return;
    }
    if (args.length > 0 && args[0].equals("--warm-up-and-exit")) {
      warmUp(classifier);
      logStart(phases);
      return;
    }
    PredictionServer server = PredictionServer.start(classifier, ServerConfig.allInterfaces(port, workers)
        .withQueue(queue));
    phases.mark("listening");
    logStart(phases);
    runUntilTerminated(server, classifier);
  }

  /**
   * The start's moments, told once the server listens, against the JVM's uptime. (The system's process start time,
   * from {@link ProcessHandle}, is only to the second here: {@code /proc/stat}'s boot time.) The warm-up calls this
   * too, so that start-up caches hold the management bean's classes.
   */
  private static void logStart(StartPhases phases) {
    long now = System.nanoTime();
    LOG.info("start inside the JVM, ms since it started: {}", phases.line(now,
        ManagementFactory.getRuntimeMXBean().getUptime()));
  }

  /**
   * What an image build records for the start: the model loaded, then the whole request path (the HTTP server on a
   * loopback port, a health check and a prediction through it), so class-data and ahead-of-time caches recorded from
   * this run hold the server's classes too, not only the model's.
   */
  private static void warmUp(Classifier classifier) throws IOException {
    PredictionServer server = PredictionServer.start(classifier, ServerConfig.loopback(0, 1));
    try {
      String base = "http://127.0.0.1:" + server.port();
      LOG.info("warm-up: health {}, prediction {}", call(base + "/health_check", null),
          call(base + "/prediction", "{\"text\": \"" + PredictionServer.SAMPLE_TEXT + "\"}"));
    } finally {
      server.close();
      classifier.close();
    }
  }

  private static int call(String url, String body) throws IOException {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
    c.setConnectTimeout(5_000);
    c.setReadTimeout(30_000);
    if (body != null) {
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      try (java.io.OutputStream out = c.getOutputStream()) {
        out.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    int status = c.getResponseCode();
    try (java.io.InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
    if (status != 200) {
      throw new IOException(url + " answered " + status + " during the warm-up");
    }
    return status;
  }

  private static void loadInProcess(Classifier classifier, String spec, String sentences) throws InterruptedException {
    String[] parts = spec.split(",");
    if (parts.length != 3) {
      throw new IllegalArgumentException("IN_PROCESS_LOAD must be CALLERS,WARMUP_MS,WINDOW_MS; was " + spec);
    }
    List<String> texts = sentences.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    InProcessLoad.Result r = InProcessLoad.run(classifier, texts, Integer.parseInt(parts[0].strip()),
        Duration.ofMillis(Long.parseLong(parts[1].strip())), Duration.ofMillis(Long.parseLong(parts[2].strip())));
    LOG.info("in-process load: {}", r.json());
    classifier.close();
  }

  /** Blocks until the JVM is asked to exit (SIGTERM, SIGINT), then stops the server before the classifier. */
  public static void runUntilTerminated(PredictionServer server, Classifier classifier) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      server.close();
      classifier.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
