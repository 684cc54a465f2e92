package dev.servescope.app.ui.build;

import atlantafx.base.theme.Styles;
import dev.servescope.app.ladder.LadderVersion;
import dev.servescope.app.ui.widgets.Views;
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

/** Build: the ladder, each version's Dockerfile and lesson, builds with progress, a live log and Cancel. */
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

    ListView<LadderVersion> versions = new ListView<>(model.versions());
    versions.setId("versions");
    versions.setCellFactory(list -> new VersionCell());
    versions.getSelectionModel().select(model.selectedProperty().get());
    versions.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> {
      if (v != null) {
        model.selectedProperty().set(v);
      }
    });

    Button build = new Button("Build");
    build.setId("build-button");
    build.setOnAction(e -> model.build());
    Button measure = new Button("Build & measure");
    measure.setId("measure-button");
    measure.setOnAction(e -> model.buildAndMeasure());
    Button ladder = new Button("Run whole ladder");
    ladder.setId("ladder-button");
    ladder.getStyleClass().add(Styles.ACCENT);
    ladder.setOnAction(e -> model.runLadder());
    for (Button b : new Button[] {build, measure, ladder}) {
      b.disableProperty().bind(model.busyProperty().or(model.engineReachableProperty().not()));
    }
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
    for (Button b : new Button[] {build, measure, ladder, cancel, clean}) {
      b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    VBox left = new VBox(8, Views.header("Ladder"), versions, actions, message);
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

  /** A version with its title, status line and progress bar. */
  private final class VersionCell extends ListCell<LadderVersion> {
    @Override
    protected void updateItem(LadderVersion v, boolean empty) {
      super.updateItem(v, empty);
      textProperty().unbind();
      if (empty || v == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      Label title = new Label(v.id() + " · " + v.title() + " · " + v.modelId());
      title.getStyleClass().add(Styles.TEXT_BOLD);
      Label status = new Label();
      status.textProperty().bind(model.status(v));
      status.getStyleClass().add(Styles.TEXT_SMALL);
      status.setWrapText(true);
      status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
      ProgressBar bar = new ProgressBar();
      bar.setId("progress-" + v.id());
      bar.setMaxWidth(Double.MAX_VALUE);
      bar.progressProperty().bind(model.progress(v));
      setGraphic(new VBox(2, title, bar, status));
      setText(null);
      setPrefWidth(0); // the list's width, so the status wraps instead of scrolling sideways
    }
  }
}
