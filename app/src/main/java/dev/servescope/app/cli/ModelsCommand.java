package dev.servescope.app.cli;

import static dev.servescope.app.cli.JsonOut.obj;

import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelSource;
import dev.servescope.inference.model.ModelVariant;
import dev.servescope.inference.model.RecordedAccuracy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(name = "models", description = "List the built-in variants: size on disk, layers, hidden size, precision.")
final class ModelsCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  private final ModelCatalog catalog;

  ModelsCommand(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Integer call() {
    JsonOut out = new JsonOut(spec.commandLine().getOut());
    for (ModelVariant v : catalog.builtIns()) {
      out.line(obj("model", v.id(), "description", v.description(), "onnx_bytes", catalog.onnxBytes(v),
          "layers", v.layers(), "hidden_size", v.hiddenSize(), "precision", v.precision().label(),
          "pooling", v.pooling().name().toLowerCase(java.util.Locale.ROOT), "max_tokens", v.maxTokens(),
          "default", v.id().equals(ModelCatalog.DEFAULT_ID),
          "artifact", ((ModelSource.Classpath) v.source()).artifact(),
          "sst2_dev_accuracy", catalog.recordedAccuracy(v).map(RecordedAccuracy::accuracy).orElse(null),
          "accuracy_measured_on", catalog.recordedAccuracy(v).map(RecordedAccuracy::measuredOn).orElse(null)));
    }
    return 0;
  }
}
