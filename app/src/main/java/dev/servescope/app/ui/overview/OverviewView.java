package dev.servescope.app.ui.overview;

import dev.servescope.app.report.Overview;
import java.io.File;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The window's first view: the last run at a glance, or what to do first. */
public final class OverviewView {
  private final OverviewModel model;
  private final Runnable openBuild;

  /**
   * @param openBuild switches to the Build view
   */
  public OverviewView(OverviewModel model, Runnable openBuild) {
    this.model = model;
    this.openBuild = openBuild;
  }

  public Node build() {
    Label title = new Label();
    title.setId("overview-title");
    title.textProperty().bind(model.titleProperty());
    title.setStyle("-fx-font-size: 1.25em; -fx-font-weight: bold;");
    Label setup = new Label();
    setup.setId("overview-setup");
    setup.setWrapText(true);
    setup.textProperty().bind(model.setupProperty());
    Label message = new Label();
    message.setId("overview-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());

    TableView<List<Overview.Cell>> table = table();

    Button export = new Button("Export report…");
    export.setId("export-report");
    export.disableProperty().bind(model.emptyProperty());
    export.setOnAction(e -> {
      FileChooser chooser = new FileChooser();
      chooser.setInitialFileName("servescope-report.html");
      chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML page", "*.html"));
      File file = chooser.showSaveDialog(export.getScene().getWindow());
      if (file != null) {
        model.exportReport(file.toPath());
      }
    });
    Button reload = new Button("Reload");
    reload.setOnAction(e -> model.reload());
    Label legend = new Label("Figures are medians over the repeats, ±N% half their spread; highlighted ones are"
        + " noisy. Hover a cell for the range and more.");
    legend.setWrapText(true);
    HBox actions = new HBox(8, export, reload, legend);
    VBox run = new VBox(8, title, setup, actions, message, table);
    run.visibleProperty().bind(model.emptyProperty().not());

    Node empty = firstSteps();

    StackPane root = new StackPane(run, empty);
    root.setPadding(new Insets(12));
    return root;
  }

  /** A row per rung, a column per figure, each as wide as its widest cell. */
  private TableView<List<Overview.Cell>> table() {
    TableView<List<Overview.Cell>> table = new TableView<>(model.rows());
    table.setId("overview-table");
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    for (int i = 0; i < Overview.HEADERS.size(); i++) {
      int column = i;
      TableColumn<List<Overview.Cell>, Overview.Cell> c = new TableColumn<>(Overview.HEADERS.get(i));
      c.setSortable(false);
      c.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().get(column)));
      c.setCellFactory(col -> new FigureCell());
      table.getColumns().add(c);
    }
    VBox.setVgrow(table, Priority.ALWAYS);
    // Every figure whole: each column as wide as its widest cell or its header.
    model.rows().addListener((javafx.collections.ListChangeListener<List<Overview.Cell>>) c -> fitColumns(table));
    fitColumns(table);
    return table;
  }

  /** What to do first, in place of the table while nothing is measured. */
  private Node firstSteps() {
    Label first = new Label(Overview.FIRST_STEPS);
    first.setId("overview-first-steps");
    first.setWrapText(true);
    first.setMaxWidth(640);
    first.setStyle("-fx-font-size: 1.1em;");
    Button build = new Button("Open Build");
    build.setId("open-build");
    build.setDefaultButton(true);
    build.setOnAction(e -> openBuild.run());
    VBox empty = new VBox(16, new Label("Welcome to ServeScope"), first, build);
    empty.getChildren().get(0).setStyle("-fx-font-size: 1.5em; -fx-font-weight: bold;");
    empty.setPadding(new Insets(40));
    empty.visibleProperty().bind(model.emptyProperty());
    return empty;
  }

  private void fitColumns(TableView<List<Overview.Cell>> table) {
    for (int i = 0; i < table.getColumns().size(); i++) {
      TableColumn<List<Overview.Cell>, ?> c = table.getColumns().get(i);
      double widest = textWidth(c.getText()) * 1.15 + 30;
      for (List<Overview.Cell> row : model.rows()) {
        widest = Math.max(widest, textWidth(row.get(i).text()) * 1.1 + 30);
      }
      c.setPrefWidth(Math.ceil(widest));
    }
  }

  private static double textWidth(String s) {
    javafx.scene.text.Text t = new javafx.scene.text.Text(s);
    t.setFont(javafx.scene.text.Font.getDefault());
    return t.getLayoutBounds().getWidth();
  }

  /** A figure: its text, highlighted when noisy, its detail as a tooltip. */
  private static final class FigureCell extends TableCell<List<Overview.Cell>, Overview.Cell> {
    @Override
    protected void updateItem(Overview.Cell cell, boolean empty) {
      super.updateItem(cell, empty);
      if (empty || cell == null) {
        setText(null);
        setTooltip(null);
        setStyle("");
        return;
      }
      setText(cell.text());
      setTooltip(cell.detail().isEmpty() ? null : new Tooltip(cell.detail()));
      setStyle(cell.noisy() ? "-fx-background-color: #fff1dc;" : "");
      getStyleClass().remove("noisy");
      if (cell.noisy()) {
        getStyleClass().add("noisy");
      }
    }
  }
}
