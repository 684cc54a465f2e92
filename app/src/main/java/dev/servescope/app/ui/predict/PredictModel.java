package dev.servescope.app.ui.predict;

import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.inference.classify.Prediction;
import dev.servescope.inference.model.ModelVariant;
import dev.servescope.inference.model.RecordedAccuracy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Predict view's text, model and threads, and its one command: classify the text. The view opens on the most
 * accurate variant that is still fast; the model list says each built-in variant's measured accuracy.
 */
public final class PredictModel {
  /**
   * bge-small int8: 0.870 on SST-2 dev at about 4 ms (README); the int8 MiniLM is three times faster but gets the
   * first sample wrong and 18 of the 27 clear-cut samples right, which is not what a first prediction should show.
   */
  static final String OPENS_ON = "bge-small-int8";

  private final PredictSession session;
  private final StringProperty text = new SimpleStringProperty("");
  private final ObjectProperty<ModelVariant> model = new SimpleObjectProperty<>();
  private final IntegerProperty threads = new SimpleIntegerProperty(
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
  private final ObservableList<ModelVariant> models = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<Prediction> prediction = new ReadOnlyObjectWrapper<>();

  public PredictModel(PredictSession session) {
    this.session = session;
    models.setAll(session.catalog.builtIns());
    model.set(session.catalog.require(OPENS_ON));
  }

  public PredictSession session() {
    return session;
  }

  public StringProperty textProperty() {
    return text;
  }

  public ObjectProperty<ModelVariant> modelProperty() {
    return model;
  }

  public IntegerProperty threadsProperty() {
    return threads;
  }

  public ObservableList<ModelVariant> models() {
    return models;
  }

  public ReadOnlyObjectProperty<Prediction> predictionProperty() {
    return prediction.getReadOnlyProperty();
  }

  /** How the model list names a variant: id, layers, precision and, for built-ins, measured accuracy. */
  public String describe(ModelVariant v) {
    if (v == null) {
      return "";
    }
    Optional<RecordedAccuracy> accuracy = session.catalog.recordedAccuracy(v);
    String layers = v.layers() > 0 ? v.layers() + " layers, " : "";
    return v.id() + "  (" + layers + v.precision().label()
        + accuracy.map(a -> String.format(Locale.ROOT, ", %.1f%% on SST-2", a.accuracy() * 100)).orElse("") + ")";
  }

  /**
   * Where a variant's accuracy figure comes from, for a tooltip: the machine it was measured on, since int8 figures
   * move by a sentence or two between CPUs; empty for a folder of your own.
   */
  public String accuracyNote(ModelVariant v) {
    return v == null ? "" : session.catalog.recordedAccuracy(v).map(a -> a.describe() + ". Another CPU may answer"
        + " up to " + a.sentencesMayDiffer(v.precision(), null) + " of its sentences differently: its kernels"
        + " differ.").orElse("");
  }

  /** Adds a user model folder to the list and selects it; a bad folder gives a message and changes nothing. */
  public void openFolder(Path dir) {
    try {
      ModelVariant v = session.catalog.fromDirectory(dir);
      models.removeIf(m -> m.id().equals(v.id()));
      models.add(v);
      model.set(v);
      session.say("opened " + dir);
    } catch (RuntimeException e) {
      session.say(e.getMessage());
    }
  }

  /** Classifies the current text. */
  public void predict() {
    String input = text.get();
    if (input == null || input.isBlank()) {
      session.say("Type or pick a sentence first: the text is empty.");
      return;
    }
    ModelVariant variant = model.get();
    int n = threads.get();
    session.run(BackgroundTask.<Predicted>of(p -> {
      ClassifierCache.Opened opened = session.classifiers.get(variant, n);
      return new Predicted(opened.classifier().predict(input), opened.loadNanos());
    }).onSuccess(r -> {
      prediction.set(r.prediction());
      List<String> notes = new ArrayList<>();
      if (r.prediction().truncated()) {
        notes.add("The text was cut to the model's limit of " + variant.maxTokens() + " tokens.");
      }
      if (r.loadNanos() > 0) {
        notes.add(String.format("Loaded %s in %.1f s: this first prediction includes its warm-up; the next ones show"
            + " its speed.", variant.id(), r.loadNanos() / 1e9));
      }
      session.say(String.join(" ", notes));
    }));
  }

  /** A prediction, and how long loading the model took first (0 when it was already open). */
  private record Predicted(Prediction prediction, long loadNanos) {}
}
