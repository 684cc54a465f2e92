package dev.servescope.inference.classify;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.servescope.inference.ModelLoadException;
import dev.servescope.inference.model.ModelCatalog;
import dev.servescope.inference.model.ModelFiles;
import dev.servescope.inference.model.ModelVariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Optimises a model folder's graph once, ahead of time: ONNX Runtime applies its graph optimisations (constant
 * folding, and for BERT-family encoders the attention, layer-norm and GELU fusions) and saves the result over
 * {@code model.onnx}; {@code variant.json} records which ONNX Runtime did it, and {@link Encoder} then loads that
 * model with the optimisations off, so a container does not redo them at every start.
 *
 * <p>The graph is saved at {@code EXTENDED}, the last level whose output runs on any CPU: {@code ALL} adds layout
 * changes for the CPU that saved it. Before the original is replaced, the optimised graph must give the same vectors
 * on {@link #CHECK_TEXTS} (within {@link #TOLERANCE}); otherwise the folder is left as it was.
 */
public final class ModelOptimizer {
  /** Largest difference allowed between any pooled vector component before and after. */
  static final double TOLERANCE = 1e-3;

  static final List<String> CHECK_TEXTS = List.of(
      "ServeScope makes the cost of every packaging decision easy to see.",
      "a gripping , funny and ultimately heartbreaking film",
      "the plot is thin and the jokes fall flat .");

  /**
   * What one optimisation did.
   *
   * @param ortVersion the ONNX Runtime that saved the graph
   * @param bytesBefore size of the published model
   * @param bytesAfter size of the optimised one
   * @param maxDifference the largest component difference seen on the check texts
   */
  public record Result(String ortVersion, long bytesBefore, long bytesAfter, double maxDifference) {}

  private ModelOptimizer() {}

  /**
   * Optimises {@code dir}'s model in place.
   *
   * @throws ModelLoadException when the folder holds no model, is already optimised, or the optimised graph answers
   *     differently (the folder is then unchanged)
   */
  public static Result optimize(ModelCatalog catalog, Path dir) {
    ModelVariant variant = catalog.fromDirectory(dir);
    ModelFiles files = catalog.files(variant);
    if (files.graphOptimizedBy().isPresent()) {
      throw new ModelLoadException(files.onnx() + " is already optimised (by ONNX Runtime "
          + files.graphOptimizedBy().get() + ")");
    }
    Path optimized = dir.resolve("model.onnx.optimizing");
    String version = OrtEnvironment.getEnvironment().getVersion();
    try {
      try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
        so.setOptimizedModelFilePath(optimized.toString());
        OrtEnvironment.getEnvironment().createSession(files.onnx().toString(), so).close();
      }
      double diff = maxDifference(files, new ModelFiles(variant, optimized, files.tokenizer(), files.head(),
          Optional.of(version)));
      if (!(diff <= TOLERANCE)) {
        throw new ModelLoadException("the optimised graph of " + files.onnx() + " answers differently (a vector"
            + " component moved by " + diff + ", more than " + TOLERANCE + "); the model is left as it was");
      }
      long before = Files.size(files.onnx());
      long after = Files.size(optimized);
      Files.move(optimized, files.onnx(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      catalog.markGraphOptimized(dir, version);
      return new Result(version, before, after, diff);
    } catch (OrtException | IOException e) {
      throw new ModelLoadException("cannot optimise " + files.onnx() + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(optimized);
      } catch (IOException ignored) {
        // left behind only when the folder is unwritable, where the move above failed too
      }
    }
  }

  private static double maxDifference(ModelFiles original, ModelFiles optimized) {
    ClassifierOptions options = new ClassifierOptions(1, ClassifierOptions.Optimization.ALL);
    double max = 0;
    try (Classifier a = Classifier.open(original, options); Classifier b = Classifier.open(optimized, options)) {
      for (String text : CHECK_TEXTS) {
        float[] x = a.embed(text);
        float[] y = b.embed(text);
        for (int i = 0; i < x.length; i++) {
          max = Math.max(max, Math.abs(x[i] - y[i]));
        }
      }
    }
    return max;
  }
}
