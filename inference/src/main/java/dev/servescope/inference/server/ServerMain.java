package dev.servescope.inference.server;

import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.classify.ModelOptimizer;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelVariant;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of every ServeScope image: serves a model folder over HTTP until SIGTERM. Settings come from the
 * environment so that Dockerfiles and {@code docker run -e} can set them: {@code MODEL_DIR} (default
 * {@code /models/current}), {@code MODEL_URL} (when set and {@code MODEL_DIR} has no model, the model folder is
 * downloaded from there first), {@code PORT} (8080), {@code THREADS} (ONNX Runtime intra-op threads, default: the CPUs
 * the container may use), {@code WORKERS} (concurrent requests, default: the CPUs the container may use),
 * {@code QUEUE} (64). With the argument {@code --warm-up-and-exit} it loads the model, classifies the sample sentence
 * and exits: image builds use this to record a class-data-sharing archive. With {@code --optimize-model} it saves
 * {@code MODEL_DIR}'s graph optimised ({@link ModelOptimizer}) and exits: image builds use this so that containers
 * load a graph already optimised.
 */
public final class ServerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

  private ServerMain() {}

  public static void main(String[] args) throws Exception {
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
      return;
    }
    long loadStart = System.nanoTime();
    ModelVariant variant = catalog.fromDirectory(modelDir);
    Classifier classifier = Classifier.openForPredictions(catalog, variant,
        ClassifierOptions.defaults().withThreads(threads));
    LOG.info("loaded {} in {} ms, {} ms after the JVM started", variant.id(),
        (System.nanoTime() - loadStart) / 1_000_000, ManagementFactory.getRuntimeMXBean().getUptime());
    if (args.length > 0 && args[0].equals("--warm-up-and-exit")) {
      LOG.info("warm-up: {}", classifier.predict(PredictionServer.SAMPLE_TEXT).label());
      classifier.close();
      return;
    }
    PredictionServer server = PredictionServer.start(classifier, ServerConfig.allInterfaces(port, workers)
        .withQueue(queue));
    runUntilTerminated(server, classifier);
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
