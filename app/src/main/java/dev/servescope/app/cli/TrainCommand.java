package dev.servescope.app.cli;

import static dev.servescope.app.cli.JsonOut.obj;

import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.classify.Encoder;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelFiles;
import dev.servescope.inference.model.ModelVariant;
import dev.servescope.inference.model.Precision;
import dev.servescope.inference.train.HeadTrainer;
import dev.servescope.inference.train.LabeledText;
import dev.servescope.inference.train.TsvDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", description = "Fit a logistic-regression sentiment head on frozen embeddings and write"
    + " head.json; lambda is chosen by accuracy on --dev.")
final class TrainCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

  @Mixin
  ModelOptions model;

  @Option(names = "--data", required = true, paramLabel = "TRAIN.tsv")
  Path data;

  @Option(names = "--dev", paramLabel = "DEV.tsv", description = "held-out set for choosing lambda")
  Path dev;

  @Option(names = "--out", required = true, paramLabel = "head.json")
  Path out;

  @Option(names = "--batch", paramLabel = "N",
      description = "texts per encoder run (default: 32 for fp32 models, 1 for int8, whose outputs shift with the"
          + " batch)")
  Integer batch;

  @Option(names = "--limit", paramLabel = "N", description = "use only the first N training examples")
  Integer limit;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<LabeledText> train = TsvDataset.read(data);
    if (limit != null) {
      train = train.subList(0, Math.min(limit, train.size()));
    }
    List<LabeledText> devSet = dev == null ? List.of() : TsvDataset.read(dev);
    ModelCatalog catalog = model.catalog();
    ModelVariant variant = model.variant();
    ModelFiles files = catalog.files(variant);
    ClassifierOptions options = model.classifierOptions();
    int batchSize = batch != null ? batch : variant.precision() == Precision.FP32 ? 32 : 1;
    long start = System.nanoTime();
    try (Encoder encoder = Encoder.open(files, options)) {
      int step = Math.max(1000, train.size() / 20);
      HeadTrainer trainer = new HeadTrainer(encoder, variant.pooling(), batchSize, (done, total) -> {
        if (done % step < batchSize || done.equals(total)) {
          LOG.info("embedded {}/{}", done, total);
        }
      });
      HeadTrainer.Result result = trainer.train(train, devSet, HeadTrainer.DEFAULT_LAMBDAS,
          provenance(variant, batchSize));
      result.head().write(out);
      new JsonOut(spec.commandLine().getOut()).line(obj("model", variant.id(), "examples", train.size(),
          "lambda", result.lambda(), "dev_accuracy", result.head().training().get("dev_accuracy"),
          "out", out.toString(), "seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0));
    }
    return 0;
  }

  private Map<String, Object> provenance(ModelVariant variant, int batchSize) {
    Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put("model", variant.id());
    p.put("data", data.getFileName().toString());
    if (dev != null) {
      p.put("dev", dev.getFileName().toString());
    }
    p.put("batch", batchSize);
    p.put("command", "./servescope train --model " + variant.id() + " --data " + data.getFileName()
        + (dev == null ? "" : " --dev " + dev.getFileName()) + (limit == null ? "" : " --limit " + limit)
        + " --out " + out.getFileName());
    return p;
  }
}
