package dev.servescope.app.ui.build;

import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.RungDraft;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** "Add rung": a Dockerfile or an existing image, and how to talk to it, checked as it is typed. */
final class AddRungDialog {
  private AddRungDialog() {}

  static Optional<RungDraft> show(Window owner, LadderFile ladder) {
    RungForm form = new RungForm(ladder);
    Dialog<RungDraft> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle("Add rung to " + ladder.name());
    dialog.setHeaderText("A Dockerfile to build, or an image to run as it is, and how to talk to it.");
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    GridPane grid = grid(form, ladder, dialog);
    dialog.getDialogPane().setContent(grid);
    dialog.getDialogPane().setMinWidth(760);
    Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
    ok.setId("rung-ok");
    ok.disableProperty().bind(form.problems().map(list -> !list.isEmpty()));
    dialog.setResultConverter(button -> button == ButtonType.OK ? form.draft() : null);
    return dialog.showAndWait();
  }

  /** The form's fields, a row each, and its problems under them. */
  private static GridPane grid(RungForm form, LadderFile ladder, Dialog<RungDraft> dialog) {
    ToggleGroup kind = new ToggleGroup();
    RadioButton fromDockerfile = new RadioButton("Dockerfile");
    fromDockerfile.setId("rung-kind-dockerfile");
    RadioButton fromImage = new RadioButton("Existing image");
    fromImage.setId("rung-kind-image");
    fromDockerfile.setToggleGroup(kind);
    fromImage.setToggleGroup(kind);
    fromDockerfile.setSelected(true);
    form.dockerfile.bind(fromDockerfile.selectedProperty());
    TextField source = field(form.source, "rung-source", "node/Dockerfile, relative to the ladder file");
    fromDockerfile.selectedProperty().addListener((o, a, isFile) -> source.setPromptText(isFile
        ? "node/Dockerfile, relative to the ladder file" : "myorg/sentiment:1.4"));
    Button browse = new Button("Browse…");
    browse.visibleProperty().bind(fromDockerfile.selectedProperty());
    browse.setOnAction(e -> browse(ladder, source, dialog.getDialogPane().getScene().getWindow()));
    TextField context = field(form.context, "rung-context", "the Dockerfile's folder");
    context.disableProperty().bind(fromDockerfile.selectedProperty().not());

    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(4);
    grid.setPadding(new Insets(8));
    // The labels keep their width; the fields take what is left.
    javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
    labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().addAll(labels, fields);
    int row = 0;
    grid.addRow(row++, new Label("Id"), field(form.id, "rung-id", "node"));
    grid.addRow(row++, new Label("Made from"), new HBox(12, fromDockerfile, fromImage));
    HBox sourceRow = new HBox(6, source, browse);
    HBox.setHgrow(source, Priority.ALWAYS);
    grid.addRow(row++, new Label("Dockerfile or image"), sourceRow);
    grid.addRow(row++, new Label("Build context"), context);
    grid.addRow(row++, new Label("Lesson"), field(form.lesson, "rung-lesson", "what this rung teaches"));
    row = probeRows(grid, row, form);
    grid.addRow(row++, new Label("Labels mean"), field(form.labels, "rung-labels", "POS=positive, NEG=negative"));
    Label problems = new Label();
    problems.setId("rung-problems");
    problems.setWrapText(true);
    problems.setStyle("-fx-text-fill: -color-danger-fg;");
    problems.textProperty().bind(form.problems().map(list -> String.join("\n", list)));
    grid.add(problems, 0, row, 2, 1);
    return grid;
  }

  /**
   * The probe's rows from {@code row} on: ServeScope's API or a JSON of the service's own, or the Open Inference
   * Protocol's preset, whose model, input and output fill the probe's fields (shown, not editable); the next free row.
   */
  private static int probeRows(GridPane grid, int first, RungForm form) {
    int row = first;
    ToggleGroup api = new ToggleGroup();
    RadioButton ownApi = new RadioButton("ServeScope's or your own JSON");
    ownApi.setId("probe-api-own");
    RadioButton v2 = new RadioButton("Open Inference Protocol");
    v2.setId("probe-api-open-inference");
    ownApi.setToggleGroup(api);
    v2.setToggleGroup(api);
    ownApi.setSelected(true);
    ownApi.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    v2.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    form.openInference.bind(v2.selectedProperty());
    TextField port = field(form.port, "probe-port", "8080");
    port.setPrefColumnCount(6);
    Label portLabel = new Label("Port");
    portLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    HBox apiRow = new HBox(12, ownApi, v2, portLabel, port);
    apiRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    grid.addRow(row++, new Label("API"), apiRow);
    TextField model = field(form.model, "probe-model", "model, as in /v2/models/NAME");
    TextField input = field(form.input, "probe-input", "input: text");
    TextField output = field(form.output, "probe-output", "output: first BYTES");
    input.setPrefColumnCount(8);
    output.setPrefColumnCount(10);
    for (TextField f : List.of(model, input, output)) {
      f.disableProperty().bind(v2.selectedProperty().not());
    }
    HBox tensors = new HBox(6, model, input, output);
    HBox.setHgrow(model, Priority.ALWAYS);
    grid.addRow(row++, new Label("Model, input, output"), tensors);
    List<TextField> own = List.of(field(form.health, "probe-health", "/health_check"),
        field(form.predict, "probe-predict", "/prediction"),
        field(form.request, "probe-request", "{\"text\": ${text}}"),
        field(form.label, "probe-label", "/label; empty: agreement is not measured"));
    for (TextField f : own) {
      f.disableProperty().bind(v2.selectedProperty());
    }
    grid.addRow(row++, new Label("Health (GET)"), own.get(0));
    grid.addRow(row++, new Label("Predict (POST)"), own.get(1));
    grid.addRow(row++, new Label("Request body"), own.get(2));
    grid.addRow(row++, new Label("Label (JSON Pointer)"), own.get(3));
    return row;
  }

  /** A Dockerfile picked from disk, relative to the ladder file where it lies under it. */
  private static void browse(LadderFile ladder, TextField source, Window window) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Dockerfile");
    Path dir = ladder.source().toAbsolutePath().getParent();
    chooser.setInitialDirectory(dir.toFile());
    File chosen = chooser.showOpenDialog(window);
    if (chosen != null) {
      Path p = chosen.toPath().toAbsolutePath();
      source.setText(p.startsWith(dir) ? dir.relativize(p).toString() : p.toString());
    }
  }

  private static TextField field(StringProperty value, String id, String prompt) {
    TextField f = new TextField();
    f.setId(id);
    f.setPromptText(prompt);
    f.textProperty().bindBidirectional(value);
    GridPane.setHgrow(f, Priority.ALWAYS);
    return f;
  }
}
