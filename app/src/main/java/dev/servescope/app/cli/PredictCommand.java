package dev.servescope.app.cli;

import static dev.servescope.app.cli.JsonOut.ms;
import static dev.servescope.app.cli.JsonOut.obj;

import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.model.ModelCatalog;
import java.util.List;
import java.util.Map;
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
    ModelCatalog catalog = ModelCatalog.withDefaultCache();
    JsonOut out = new JsonOut(spec.commandLine().getOut());
    try (Classifier classifier = Classifier.open(catalog, model.variant(catalog), model.classifierOptions())) {
      for (String text : texts) {
        out.line(toJson(text, classifier.predict(text)));
      }
    }
    return 0;
  }

  static Map<String, Object> toJson(String text, Prediction p) {
    return obj("text", text, "model", p.model(), "label", p.label(), "score", p.score(),
        "probabilities", p.probabilityMap(), "truncated", p.truncated(), "tokens", p.tokens(),
        "timings_ms", obj("tokenize", ms(p.timings().tokenizeMs()), "inference", ms(p.timings().inferenceMs()),
            "head", ms(p.timings().headMs()), "total", ms(p.timings().totalMs())));
  }
}
