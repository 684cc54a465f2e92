package dev.servescope.app.ui.predict;

import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.inference.bench.BenchConfig;
import dev.servescope.inference.bench.BenchReport;
import dev.servescope.inference.bench.Benchmark;
import dev.servescope.inference.classify.Classifier;
import dev.servescope.inference.classify.ClassifierOptions;
import dev.servescope.inference.model.ModelVariant;
import dev.servescope.inference.train.Evaluation;
import dev.servescope.inference.train.LabeledText;
import dev.servescope.inference.train.TsvDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Every built-in variant side by side: size on disk, median latency and, where the data is, SST-2 dev accuracy. */
public final class VariantsModel {
  /**
   * One row of the comparison.
   *
   * @param id variant id
   * @param sizeMb ONNX file size
   * @param p50Ms end-to-end median latency
   * @param accuracy accuracy on the dev set (NaN when no data set was found)
   */
  public record Row(String id, double sizeMb, double p50Ms, double accuracy) {}

  private final PredictSession session;
  private final PredictModel predict;
  private final Path devSet;
  private final ObservableList<Row> rows = FXCollections.observableArrayList();

  /**
   * @param devSet SST-2 dev, or null when it is not there
   */
  public VariantsModel(PredictModel predict, Path devSet) {
    this.session = predict.session();
    this.predict = predict;
    this.devSet = devSet;
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  /** Measures every built-in variant, one after another, with progress. */
  public void compare() {
    int n = predict.threadsProperty().get();
    List<ModelVariant> all = session.catalog.builtIns();
    session.run(BackgroundTask.<List<Row>>of(p -> {
      List<LabeledText> data = devSet == null ? null : TsvDataset.read(devSet);
      List<Row> out = new ArrayList<>();
      for (int i = 0; i < all.size() && !p.isCancelled(); i++) {
        ModelVariant v = all.get(i);
        try (Classifier c = Classifier.open(session.catalog, v, ClassifierOptions.defaults().withThreads(n))) {
          BenchReport r = new Benchmark(c, session.samples, n).run(new BenchConfig(20, 100, 1),
              (phase, d, t) -> { }, p::isCancelled);
          double accuracy = data == null ? Double.NaN : Evaluation.evaluate(c, data).accuracy();
          out.add(new Row(v.id(), session.catalog.onnxBytes(v) / 1e6, r.total().p50(), accuracy));
        }
        p.update(i + 1, all.size());
      }
      return out;
    }).onSuccess(r -> {
      rows.setAll(r);
      session.say(devSet == null ? "Accuracy needs SST-2 dev: set SERVESCOPE_DEV_TSV to its path." : "");
    }));
  }
}
