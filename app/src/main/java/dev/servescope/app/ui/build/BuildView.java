package dev.servescope.app.ui.build;

import atlantafx.base.theme.Styles;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ui.widgets.Views;
import java.io.File;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Build: the open ladder (built-in, or a file of your own: open, add and remove rungs), each rung's Dockerfile and
 * lesson, builds with progress, a live log and Cancel.
 */
public final class BuildView {
  private final BuildModel model;

  public BuildView(BuildModel model) {
    this.model = model;
  }

  public Node build() {
    Label engine = new Label();
    engine.setId("engine-status");
    engine.setWrapText(true);
    engine.textProperty().bind(model.engineStatusProperty());
    engine.styleProperty().bind(javafx.beans.binding.Bindings.when(model.engineReachableProperty())
        .then("-fx-text-fill: -color-success-fg;").otherwise("-fx-text-fill: -color-danger-fg;"));
    Button recheck = new Button("Check again");
    recheck.setOnAction(e -> model.refreshEngine());

    ListView<RungSpec> versions = new ListView<>(model.rungs());
    versions.setId("versions");
    versions.setCellFactory(list -> new RungCell());
    versions.getSelectionModel().select(model.selectedProperty().get());
    versions.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> {
      if (v != null) {
        model.selectedProperty().set(v);
      }
    });
    model.selectedProperty().addListener((o, a, r) -> versions.getSelectionModel().select(r));

    Label ladderName = new Label();
    ladderName.setId("ladder-name");
    ladderName.setWrapText(true);
    ladderName.textProperty().bind(model.ladderNameProperty());
    Button open = new Button("Open ladder…");
    open.setId("open-ladder-button");
    open.setOnAction(e -> {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Open a ladder file");
      chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Ladder files (*.yaml, *.yml)", "*.yaml",
          "*.yml"));
      File file = chooser.showOpenDialog(open.getScene().getWindow());
      if (file != null) {
        model.openLadder(file.toPath());
      }
    });
    Button builtIn = new Button("Built-in");
    builtIn.setId("builtin-ladder-button");
    builtIn.setTooltip(new javafx.scene.control.Tooltip("Back to ServeScope's own ladder, v1 to v5"));
    builtIn.disableProperty().bind(model.builtInProperty().or(model.busyProperty()));
    builtIn.setOnAction(e -> model.openBuiltIn());
    Button add = new Button("Add rung…");
    add.setId("add-rung-button");
    add.setOnAction(e -> addRung(add.getScene().getWindow()));
    Button remove = new Button("Remove rung");
    remove.setId("remove-rung-button");
    remove.disableProperty().bind(model.builtInProperty().or(model.busyProperty()));
    remove.setOnAction(e -> model.removeSelected());
    open.disableProperty().bind(model.busyProperty());
    add.disableProperty().bind(model.busyProperty());
    javafx.scene.layout.FlowPane ladderActions = new javafx.scene.layout.FlowPane(8, 8, open, builtIn, add, remove);

    Button build = new Button("Build");
    build.setId("build-button");
    build.setOnAction(e -> model.build());
    build.setTooltip(new javafx.scene.control.Tooltip("Build the selected rung's image without running it"));
    Button measure = new Button("Build & measure");
    measure.setId("measure-button");
    measure.setOnAction(e -> model.buildAndMeasure());
    Button ladder = new Button("Run all rungs");
    ladder.setId("ladder-button");
    ladder.getStyleClass().add(Styles.ACCENT);
    ladder.setOnAction(e -> model.runLadder());
    javafx.beans.binding.BooleanExpression cannotRun = model.busyProperty().or(model.engineReachableProperty().not());
    measure.disableProperty().bind(cannotRun);
    ladder.disableProperty().bind(cannotRun);
    // An existing image is measured, never built.
    build.disableProperty().bind(cannotRun.or(javafx.beans.binding.Bindings.createBooleanBinding(
        () -> model.selectedProperty().get() != null && model.selectedProperty().get().kind() == RungSpec.Kind.IMAGE,
        model.selectedProperty())));
    Button cancel = new Button("Cancel");
    cancel.setId("cancel-button");
    cancel.getStyleClass().add(Styles.DANGER);
    cancel.disableProperty().bind(model.busyProperty().not());
    cancel.setOnAction(e -> model.cancel());
    Button clean = new Button("Clean up");
    clean.setId("clean-button");
    clean.setTooltip(new javafx.scene.control.Tooltip("Remove ladder images, build stages, stopped containers and"
        + " scratch folders ServeScope left (base images stay)"));
    clean.setOnAction(e -> model.clean());
    clean.disableProperty().bind(model.busyProperty().or(model.engineReachableProperty().not()));
    Label message = new Label();
    message.setId("build-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());

    Label lesson = new Label();
    lesson.setId("lesson");
    lesson.setWrapText(true);
    lesson.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the whole lesson, never an ellipsis
    lesson.textProperty().bind(model.lessonProperty());
    TextArea dockerfile = new TextArea();
    dockerfile.setId("dockerfile");
    dockerfile.setEditable(false);
    dockerfile.setStyle("-fx-font-family: monospace;");
    dockerfile.textProperty().bind(model.dockerfileProperty());
    // A list view draws only the lines in sight, and the model adds lines in batches: no re-joining of the log.
    ListView<String> log = new ListView<>(model.log());
    log.setId("build-log");
    log.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
    model.log().addListener((ListChangeListener<String>) c -> log.scrollTo(model.log().size() - 1));

    // Buttons keep their labels and wrap to a second row when the pane is narrow.
    javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(8, 8, build, measure, ladder, cancel,
        clean);
    for (Button b : new Button[] {build, measure, ladder, cancel, clean, open, builtIn, add, remove}) {
      b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    VBox left = new VBox(8, Views.header("Ladder"), ladderName, ladderActions, versions, actions, message);
    VBox.setVgrow(versions, Priority.ALWAYS);
    left.setPadding(new Insets(8));
    VBox right = new VBox(8, Views.header("Lesson"), lesson, Views.header("Dockerfile"), dockerfile,
        Views.header("Build log"), log);
    VBox.setVgrow(dockerfile, Priority.ALWAYS);
    VBox.setVgrow(log, Priority.ALWAYS);
    right.setPadding(new Insets(8));
    SplitPane split = new SplitPane(left, right);
    split.setDividerPositions(0.42);
    HBox status = new HBox(8, engine, recheck);
    status.setAlignment(Pos.CENTER_LEFT);
    status.setPadding(new Insets(6, 8, 6, 8));
    VBox root = new VBox(status, split);
    VBox.setVgrow(split, Priority.ALWAYS);
    return root;
  }

  /** "Add rung…": on the built-in ladder, first a file of your own to add it to. */
  private void addRung(javafx.stage.Window window) {
    if (model.builtInProperty().get()) {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Save the ladder as a file of your own, to add rungs to");
      chooser.setInitialFileName("my-ladder.yaml");
      File file = chooser.showSaveDialog(window);
      if (file != null) {
        model.saveBuiltInAs(file.toPath());
      }
      return;
    }
    AddRungDialog.show(window, model.ladderProperty().get()).ifPresent(model::addRung);
  }

  /** A rung with what it is made from, its status line and progress bar. */
  private final class RungCell extends ListCell<RungSpec> {
    @Override
    protected void updateItem(RungSpec v, boolean empty) {
      super.updateItem(v, empty);
      textProperty().unbind();
      if (empty || v == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      Label title = new Label(BuildModel.describe(v));
      title.getStyleClass().add(Styles.TEXT_BOLD);
      Label status = new Label();
      status.textProperty().bind(model.status(v.id()));
      status.getStyleClass().add(Styles.TEXT_SMALL);
      status.setWrapText(true);
      status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
      ProgressBar bar = new ProgressBar();
      bar.setId("progress-" + v.id());
      bar.setMaxWidth(Double.MAX_VALUE);
      bar.progressProperty().bind(model.progress(v.id()));
      setGraphic(new VBox(2, title, bar, status));
      setText(null);
      setPrefWidth(0); // the list's width, so the status wraps instead of scrolling sideways
    }
  }
}
