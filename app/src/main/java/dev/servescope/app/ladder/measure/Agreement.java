package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.file.RungSpec;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Each rung's share of sample sentences labelled as the reference labels them. A built-in reference's labels are its
 * model's, computed on the host (so it need not run, and its own agreement checks that its image serves what the model
 * says); a reference of your own is measured first and its served labels become the standard.
 */
public final class Agreement {
  private final RungSpec reference;
  private final Supplier<List<String>> builtInLabels;
  private List<String> expected;
  private String missing;

  /**
   * @param builtInLabels the reference's labels when it is built in; null for a reference of your own
   */
  public Agreement(RungSpec reference, Supplier<List<String>> builtInLabels) {
    this.reference = reference;
    this.builtInLabels = builtInLabels;
    this.missing = "the reference '" + reference.id() + "' was not run";
  }

  /**
   * Computes a built-in reference's labels now, before any rung is measured: a run stopped by SIGTERM records what it
   * measured from the JVM's shutdown, when the model (ONNX Runtime registers a shutdown hook of its own) can no
   * longer be loaded. A failure here is left for the first rung to meet and report.
   */
  public void prepare() {
    if (expected == null && builtInLabels != null) {
      try {
        expected = builtInLabels.get();
      } catch (RuntimeException e) {
        // Reported where it matters, with the rung it costs.
      }
    }
  }

  /** The reference failed: later rungs say so instead of a share. */
  public void referenceFailed() {
    missing = "the reference '" + reference.id() + "' failed";
  }

  /**
   * The rung's agreement, null where it cannot be had (the reason goes to {@code log}).
   *
   * @param served the rung's label per sentence (null entries for answers without one); null when it names no label
   */
  public Double of(RungSpec rung, List<String> served, Consumer<String> log) {
    if (served == null) {
      log.accept("agreement not measured: the probe names no label (add 'label:' to it)");
      if (rung.id().equals(reference.id())) {
        missing = "the reference '" + reference.id() + "' gives no label";
      }
      return null;
    }
    if (rung.id().equals(reference.id()) && builtInLabels == null) {
      expected = served;
      log.accept("reference: the other rungs' labels are compared with these");
      return null;
    }
    if (expected == null && builtInLabels != null) {
      expected = builtInLabels.get();
    }
    if (expected == null) {
      log.accept("agreement not measured: " + missing);
      return null;
    }
    int same = 0;
    for (int i = 0; i < served.size(); i++) {
      if (served.get(i) != null && served.get(i).equals(expected.get(i))) {
        same++;
      }
    }
    return (double) same / served.size();
  }
}
