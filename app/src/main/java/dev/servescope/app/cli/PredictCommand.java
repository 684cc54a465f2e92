package dev.servescope.app.cli;

import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.PredictionJson;
import dev.servescope.inference.model.ModelCatalog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "predict", description = "Classify each TEXT; one JSON object per text on stdout.")
final class PredictCommand implements Callable<Integer> {
  @Mixin
  ModelOptions model;

  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "texts to classify")
  List<String> texts;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ModelCatalog catalog = model.catalog();
    JsonOut out = new JsonOut(spec.commandLine().getOut());
    try (Classifier classifier = Classifier.open(catalog, model.variant(), model.classifierOptions())) {
      for (String text : texts) {
        out.line(PredictionJson.of(text, classifier.predict(text)));
      }
    }
    return 0;
  }
}
