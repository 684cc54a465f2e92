package dev.servescope.app.ui.build;

import atlantafx.base.theme.Styles;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.report.RungText;
import dev.servescope.app.ui.widgets.Views;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
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
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Build: the open ladder (built-in, or a file of your own: open, add and remove rungs), each rung's Dockerfile and
 * lesson, builds with progress, a live log and Cancel. Binds to {@link BuildModel}'s three parts.
 */
public final class BuildView {
  private final BuildModel model;
  private final LadderModel ladder;
  private final RunModel runs;
  private final EngineModel engine;

  public BuildView(BuildModel model) {
    this.model = model;
    this.ladder = model.ladder();
    this.runs = model.runs();
    this.engine = model.engine();
  }

  public Node build() {
    Label message = new Label();
    message.setId("build-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    ListView<RungSpec> versions = rungList();
    VBox left = new VBox(8, Views.header("Ladder"), ladderName(), ladderActions(), versions, jobActions(), message);
    VBox.setVgrow(versions, Priority.ALWAYS);
    left.setPadding(new Insets(8));
    SplitPane split = new SplitPane(left, rungDetails());
    split.setDividerPositions(0.42);
    VBox root = new VBox(engineStatus(), split);
    VBox.setVgrow(split, Priority.ALWAYS);
    return root;
  }

  private Node engineStatus() {
    Label status = new Label();
    status.setId("engine-status");
    status.setWrapText(true);
    status.textProperty().bind(engine.statusProperty());
    status.styleProperty().bind(Bindings.when(engine.reachableProperty())
        .then("-fx-text-fill: -color-success-fg;").otherwise("-fx-text-fill: -color-danger-fg;"));
    Button recheck = new Button("Check again");
    recheck.setOnAction(e -> engine.refresh());
    HBox bar = new HBox(8, status, recheck);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(6, 8, 6, 8));
    return bar;
  }

  private Label ladderName() {
    Label name = new Label();
    name.setId("ladder-name");
    name.setWrapText(true);
    name.textProperty().bind(ladder.ladderNameProperty());
    return name;
  }

  private ListView<RungSpec> rungList() {
    ListView<RungSpec> versions = new ListView<>(ladder.rungs());
    versions.setId("versions");
    versions.setCellFactory(list -> new RungCell());
    versions.getSelectionModel().select(ladder.selectedProperty().get());
    versions.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> {
      if (v != null) {
        ladder.selectedProperty().set(v);
      }
    });
    ladder.selectedProperty().addListener((o, a, r) -> versions.getSelectionModel().select(r));
    return versions;
  }

  /** Open, back to the built-in ladder, add and remove rungs. */
  private Node ladderActions() {
    Button open = button("Open ladder…", "open-ladder-button", null);
    open.setOnAction(e -> {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Open a ladder file");
      chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Ladder files (*.yaml, *.yml)", "*.yaml",
          "*.yml"));
      File file = chooser.showOpenDialog(open.getScene().getWindow());
      if (file != null) {
        ladder.openLadder(file.toPath());
      }
    });
    Button builtIn = button("Built-in", "builtin-ladder-button", "Back to ServeScope's own ladder, v1 to v6");
    builtIn.setOnAction(e -> ladder.openBuiltIn());
    Button add = button("Add rung…", "add-rung-button", null);
    add.setOnAction(e -> addRung(add.getScene().getWindow()));
    Button remove = button("Remove rung", "remove-rung-button", null);
    remove.setOnAction(e -> ladder.removeSelected());
    builtIn.disableProperty().bind(ladder.builtInProperty().or(runs.busyProperty()));
    remove.disableProperty().bind(ladder.builtInProperty().or(runs.busyProperty()));
    open.disableProperty().bind(runs.busyProperty());
    add.disableProperty().bind(runs.busyProperty());
    return new FlowPane(8, 8, open, builtIn, add, remove);
  }

  /** Build, measure, run all, cancel, clean; buttons keep their labels and wrap to a second row when narrow. */
  private Node jobActions() {
    Button build = button("Build", "build-button", "Build the selected rung's image without running it");
    build.setOnAction(e -> model.build());
    Button measure = button("Build & measure", "measure-button", null);
    measure.setOnAction(e -> model.buildAndMeasure());
    Button all = button("Run all rungs", "ladder-button", null);
    all.getStyleClass().add(Styles.ACCENT);
    all.setOnAction(e -> model.runLadder());
    BooleanExpression cannotRun = runs.busyProperty().or(engine.reachableProperty().not());
    measure.disableProperty().bind(cannotRun);
    all.disableProperty().bind(cannotRun);
    // An existing image is measured, never built.
    build.disableProperty().bind(cannotRun.or(Bindings.createBooleanBinding(() -> ladder.selectedProperty().get()
        != null && ladder.selectedProperty().get().kind() == RungSpec.Kind.IMAGE, ladder.selectedProperty())));
    Button cancel = button("Cancel", "cancel-button", null);
    cancel.getStyleClass().add(Styles.DANGER);
    cancel.disableProperty().bind(runs.busyProperty().not());
    cancel.setOnAction(e -> runs.cancel());
    Button clean = button("Clean up", "clean-button", "Remove ladder images, build stages, stopped containers and"
        + " scratch folders ServeScope left (base images stay)");
    clean.setOnAction(e -> runs.clean());
    clean.disableProperty().bind(cannotRun);
    return new FlowPane(8, 8, build, measure, all, cancel, clean);
  }

  /** The selected rung's lesson and Dockerfile, and the build log. */
  private Node rungDetails() {
    Label lesson = new Label();
    lesson.setId("lesson");
    lesson.setWrapText(true);
    lesson.setMinHeight(Region.USE_PREF_SIZE); // the whole lesson, never an ellipsis
    lesson.textProperty().bind(ladder.lessonProperty());
    TextArea dockerfile = new TextArea();
    dockerfile.setId("dockerfile");
    dockerfile.setEditable(false);
    dockerfile.setStyle("-fx-font-family: monospace;");
    dockerfile.textProperty().bind(ladder.dockerfileProperty());
    // A list view draws only the lines in sight, and the model adds lines in batches: no re-joining of the log.
    ListView<String> log = new ListView<>(runs.log());
    log.setId("build-log");
    log.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
    runs.log().addListener((ListChangeListener<String>) c -> log.scrollTo(runs.log().size() - 1));
    VBox right = new VBox(8, Views.header("Lesson"), lesson, Views.header("Dockerfile"), dockerfile,
        Views.header("Build log"), log);
    VBox.setVgrow(dockerfile, Priority.ALWAYS);
    VBox.setVgrow(log, Priority.ALWAYS);
    right.setPadding(new Insets(8));
    return right;
  }

  private static Button button(String text, String id, String tooltip) {
    Button b = new Button(text);
    b.setId(id);
    b.setMinWidth(Region.USE_PREF_SIZE);
    if (tooltip != null) {
      b.setTooltip(new Tooltip(tooltip));
    }
    return b;
  }

  /** "Add rung…": on the built-in ladder, first a file of your own to add it to. */
  private void addRung(Window window) {
    if (ladder.builtInProperty().get()) {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Save the ladder as a file of your own, to add rungs to");
      chooser.setInitialFileName("my-ladder.yaml");
      File file = chooser.showSaveDialog(window);
      if (file != null) {
        ladder.saveBuiltInAs(file.toPath());
      }
      return;
    }
    AddRungDialog.show(window, ladder.ladderProperty().get()).ifPresent(ladder::addRung);
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
      Label title = new Label(RungText.describe(v));
      title.getStyleClass().add(Styles.TEXT_BOLD);
      Label status = new Label();
      status.textProperty().bind(runs.status(v.id()));
      status.getStyleClass().add(Styles.TEXT_SMALL);
      status.setWrapText(true);
      status.setMinHeight(Region.USE_PREF_SIZE);
      ProgressBar bar = new ProgressBar();
      bar.setId("progress-" + v.id());
      bar.setMaxWidth(Double.MAX_VALUE);
      bar.progressProperty().bind(runs.progress(v.id()));
      setGraphic(new VBox(2, title, bar, status));
      setText(null);
      setPrefWidth(0); // the list's width, so the status wraps instead of scrolling sideways
    }
  }
}
