package dev.servescope.app.cli;

import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.classify.TextTokenizer;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelVariant;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options every model command shares: which model, how many threads. */
final class ModelOptions {
  private final ModelCatalog catalog;

  ModelOptions(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  /** The models the chosen one comes from. */
  ModelCatalog catalog() {
    return catalog;
  }

  @ArgGroup(exclusive = true)
  Choice choice = new Choice();

  static final class Choice {
    @Option(names = "--model", paramLabel = "ID", description = "built-in variant (default: ${DEFAULT-VALUE})",
        defaultValue = ModelCatalog.DEFAULT_ID)
    String id = ModelCatalog.DEFAULT_ID;

    @Option(names = "--model-dir", paramLabel = "DIR",
        description = "folder with model.onnx, tokenizer.json and optionally head.json")
    Path dir;
  }

  @Option(names = "--threads", paramLabel = "N",
      description = "ONNX Runtime intra-op threads (default: available processors)")
  Integer threads;

  ModelVariant variant() {
    return choice.dir != null ? catalog.fromDirectory(choice.dir) : catalog.require(choice.id);
  }

  @Option(names = "--optimization", paramLabel = "LEVEL", defaultValue = "ALL",
      description = "ONNX Runtime graph optimisation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  ClassifierOptions.Optimization optimization = ClassifierOptions.Optimization.ALL;

  @Option(names = "--tokenizer", paramLabel = "KIND", defaultValue = "AUTO", description = "AUTO: ServeScope's Java"
      + " WordPiece where the model's tokenizer.json is BERT's, else HuggingFace's native library; NATIVE: always the"
      + " native library (default: ${DEFAULT-VALUE})")
  TextTokenizer.Kind tokenizer = TextTokenizer.Kind.AUTO;

  ClassifierOptions classifierOptions() {
    return new ClassifierOptions(threads == null ? ClassifierOptions.defaults().intraOpThreads() : threads,
        optimization, tokenizer);
  }
}
