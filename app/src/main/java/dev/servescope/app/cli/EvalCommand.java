package dev.servescope.app.cli;

import static dev.servescope.app.cli.JsonOut.obj;

import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.train.Evaluation;
import dev.servescope.inference.train.Metrics;
import dev.servescope.inference.train.TsvDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", description = "Accuracy and macro F1 on a labelled TSV (header row, a 0/1 'label' column and"
    + " a text column), one prediction per sentence as served.")
final class EvalCommand implements Callable<Integer> {
  @Mixin
  ModelOptions model;

  @Option(names = "--data", required = true, paramLabel = "FILE.tsv")
  Path data;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var examples = TsvDataset.read(data);
    ModelCatalog catalog = model.catalog();
    long start = System.nanoTime();
    try (Classifier classifier = Classifier.open(catalog, model.variant(), model.classifierOptions())) {
      Metrics m = Evaluation.evaluate(classifier, examples);
      double seconds = (System.nanoTime() - start) / 1e9;
      new JsonOut(spec.commandLine().getOut()).line(obj("model", classifier.variant().id(), "examples", m.examples(),
          "accuracy", round(m.accuracy()), "macro_f1", round(m.macroF1()), "seconds", Math.round(seconds * 10) / 10.0));
    }
    return 0;
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
