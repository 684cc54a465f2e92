package dev.servescope.app.cli;

import static dev.servescope.app.cli.JsonOut.obj;

import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelVariant;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", description = "Write a built-in variant as a model folder (model.onnx, tokenizer.json,"
    + " head.json, variant.json) that --model-dir, other runtimes and Docker images can load.")
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "ID", defaultValue = ModelCatalog.DEFAULT_ID,
      description = "built-in variant (default: ${DEFAULT-VALUE})")
  String id;

  @Option(names = "--out", required = true, paramLabel = "DIR")
  Path out;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  private final ModelCatalog catalog;

  ExportCommand(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Integer call() {
    ModelVariant variant = catalog.require(id);
    catalog.exportTo(variant, out);
    new JsonOut(spec.commandLine().getOut()).line(obj("model", variant.id(), "dir", out.toAbsolutePath().toString(),
        "onnx_bytes", catalog.onnxBytes(variant)));
    return 0;
  }
}
