package dev.servescope.app.ui.predict;

import dev.servescope.app.ui.widgets.Views;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The variants section of the Predict view: size, latency and accuracy of every built-in variant, and a scatter. */
final class VariantsPane {
  private final VariantsModel model;
  private final PredictSession session;

  VariantsPane(VariantsModel model, PredictSession session) {
    this.model = model;
    this.session = session;
  }

  Node build() {
    Button compare = new Button("Compare variants");
    compare.setId("compare-button");
    compare.setOnAction(e -> model.compare());
    compare.disableProperty().bind(session.busyProperty());
    TableView<VariantsModel.Row> table = new TableView<>(model.rows());
    table.setPrefHeight(150);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("variant", VariantsModel.Row::id));
    table.getColumns().add(column("size (MB)", r -> String.format("%.1f", r.sizeMb())));
    table.getColumns().add(column("p50 (ms)", r -> String.format("%.2f", r.p50Ms())));
    table.getColumns().add(column("SST-2 acc.", r -> Double.isNaN(r.accuracy()) ? "n/a"
        : String.format("%.3f", r.accuracy())));
    table.getColumns().get(0).setMinWidth(130);
    NumberAxis x = new NumberAxis();
    x.setLabel("p50 latency (ms)");
    NumberAxis y = new NumberAxis();
    y.setLabel("accuracy");
    y.setForceZeroInRange(false);
    ScatterChart<Number, Number> scatter = new ScatterChart<>(x, y);
    scatter.setAnimated(false);
    scatter.setPrefHeight(240);
    model.rows().addListener((ListChangeListener<VariantsModel.Row>) c -> {
      scatter.getData().clear();
      for (VariantsModel.Row r : model.rows()) {
        if (!Double.isNaN(r.accuracy())) {
          XYChart.Series<Number, Number> s = new XYChart.Series<>();
          s.setName(r.id());
          s.getData().add(new XYChart.Data<>(r.p50Ms(), r.accuracy()));
          scatter.getData().add(s);
        }
      }
    });
    GridPane grid = new GridPane();
    grid.setHgap(8);
    javafx.scene.layout.ColumnConstraints tableColumn = new javafx.scene.layout.ColumnConstraints();
    tableColumn.setPercentWidth(55);
    javafx.scene.layout.ColumnConstraints chartColumn = new javafx.scene.layout.ColumnConstraints();
    chartColumn.setPercentWidth(45);
    grid.getColumnConstraints().setAll(tableColumn, chartColumn);
    grid.add(table, 0, 0);
    grid.add(scatter, 1, 0);
    GridPane.setHgrow(table, Priority.ALWAYS);
    GridPane.setHgrow(scatter, Priority.ALWAYS);
    HBox row = new HBox(8, Views.header("Variants"), compare);
    row.setAlignment(Pos.CENTER_LEFT);
    return new VBox(6, row, grid);
  }

  private static TableColumn<VariantsModel.Row, String> column(String title,
      java.util.function.Function<VariantsModel.Row, String> value) {
    TableColumn<VariantsModel.Row, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(d.getValue())));
    return c;
  }
}
