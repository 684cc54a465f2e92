package dev.servescope.app.ui.predict;

import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelVariant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one open classifier of the Predict view, reused until the model or the thread count changes, closed exactly
 * once. Called from worker threads only.
 */
final class ClassifierCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClassifierCache.class);

  /** The open classifier, and how long opening it took (0 when it was reused). */
  record Opened(Classifier classifier, long loadNanos) {}

  private final ModelCatalog catalog;
  private Classifier open;
  private String openKey;

  ClassifierCache(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  synchronized Opened get(ModelVariant variant, int threads) {
    String key = variant.id() + "@" + threads;
    if (open != null && key.equals(openKey)) {
      return new Opened(open, 0);
    }
    close();
    long start = System.nanoTime();
    open = Classifier.open(catalog, variant, ClassifierOptions.defaults().withThreads(threads));
    openKey = key;
    long took = Math.max(1, System.nanoTime() - start);
    LOG.info("loaded {} with {} threads in {} ms", variant.id(), threads, took / 1_000_000);
    return new Opened(open, took);
  }

  @Override
  public synchronized void close() {
    if (open != null) {
      open.close();
      open = null;
      openKey = null;
    }
  }
}
