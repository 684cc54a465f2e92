package dev.servescope.app.wiring;

import dev.servescope.app.ladder.run.ReferenceLabels;
import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.model.ModelCatalog;
import java.util.List;
import java.util.Locale;

/** A built-in reference's labels from its model, opened here on the host for the call and closed after. */
final class ClassifierLabels implements ReferenceLabels {
  private final ModelCatalog catalog;

  ClassifierLabels(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public List<String> of(String modelId, List<String> sentences) {
    try (Classifier c = Classifier.open(catalog, catalog.require(modelId), ClassifierOptions.defaults())) {
      return sentences.stream().map(s -> c.predict(s).label().toLowerCase(Locale.ROOT)).toList();
    }
  }
}
