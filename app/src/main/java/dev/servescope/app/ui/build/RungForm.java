package dev.servescope.app.ui.build;

import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.OpenInferenceProbe;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.ladder.file.RungDraft;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Add rung" form's state: a Dockerfile or an image, and the probe, its fields starting at ServeScope's API, or
 * the Open Inference Protocol's preset for a model (which then fills the probe's fields). Its problems are checked as
 * it is typed, against the ladder it will join.
 */
public final class RungForm {
  final StringProperty id = new SimpleStringProperty("");
  final BooleanProperty dockerfile = new SimpleBooleanProperty(true);
  final StringProperty source = new SimpleStringProperty("");
  final StringProperty context = new SimpleStringProperty("");
  final StringProperty lesson = new SimpleStringProperty("");
  final StringProperty port = new SimpleStringProperty(String.valueOf(Probe.SERVESCOPE.port()));
  final StringProperty health = new SimpleStringProperty(Probe.SERVESCOPE.health());
  final StringProperty predict = new SimpleStringProperty(Probe.SERVESCOPE.predict());
  final StringProperty request = new SimpleStringProperty(Probe.SERVESCOPE.request());
  final StringProperty label = new SimpleStringProperty(Probe.SERVESCOPE.label());
  final StringProperty labels = new SimpleStringProperty("");
  /** Whether the service speaks the Open Inference Protocol: the probe is then the preset's for the model. */
  final BooleanProperty openInference = new SimpleBooleanProperty(false);
  final StringProperty model = new SimpleStringProperty("");
  final StringProperty input = new SimpleStringProperty("");
  final StringProperty output = new SimpleStringProperty("");
  private final LadderFile ladder;
  private final ObjectBinding<List<String>> problems;

  public RungForm(LadderFile ladder) {
    this.ladder = ladder;
    problems = Bindings.createObjectBinding(this::check, id, dockerfile, source, context, port, health, predict,
        request, label, labels, openInference, model, input, output);
    // The preset's probe shows in the probe's fields, so that what it sends can be read before it is added.
    javafx.beans.InvalidationListener fill = o -> {
      if (openInference.get() && port() > 0) {
        Probe p = preset().probe();
        health.set(p.health());
        predict.set(p.predict());
        request.set(p.request());
        label.set(p.label());
      }
    };
    for (javafx.beans.Observable o : List.of(openInference, model, input, output, port)) {
      o.addListener(fill);
    }
  }

  private OpenInferenceProbe preset() {
    return new OpenInferenceProbe(model.get().strip(), port(), blankToNull(input.get()), blankToNull(output.get()));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** What stops the rung from being added; empty when it can be. */
  public ObjectBinding<List<String>> problems() {
    return problems;
  }

  private List<String> check() {
    List<String> out = new java.util.ArrayList<>();
    int p = port();
    if (p < 0) {
      out.add("probe: port must be a number from 1 to 65535");
    }
    try {
      labelMap();
    } catch (IllegalArgumentException e) {
      out.add(e.getMessage());
    }
    if (out.isEmpty()) {
      out.addAll(draft().problems(ladder));
    }
    return out;
  }

  private int port() {
    try {
      return Integer.parseInt(port.get().strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code POS=positive, NEG=negative} as a map. */
  private Map<String, String> labelMap() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : labels.get().split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
        throw new IllegalArgumentException("labels: write them as POS=positive, NEG=negative");
      }
      out.put(kv[0].strip(), kv[1].strip());
    }
    return out;
  }

  /** The rung as the form says it; check {@link #problems()} first. */
  public RungDraft draft() {
    if (openInference.get()) {
      return new RungDraft(id.get().strip(), source.get().strip(), dockerfile.get(), context.get().strip(), preset(),
          labelMap(), lesson.get().strip());
    }
    String pointer = label.get().strip();
    Probe probe = new Probe(port(), health.get().strip(), predict.get().strip(), request.get().strip(),
        pointer.isEmpty() ? null : pointer);
    return new RungDraft(id.get().strip(), source.get().strip(), dockerfile.get(), context.get().strip(), probe,
        labelMap(), lesson.get().strip());
  }
}
