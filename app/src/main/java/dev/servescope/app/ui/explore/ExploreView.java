package dev.servescope.app.ui.explore;

import atlantafx.base.theme.Styles;
import dev.servescope.app.image.FolderTree;
import dev.servescope.app.image.ImageDiff;
import dev.servescope.app.image.ImageReport;
import dev.servescope.app.image.Instructions;
import dev.servescope.app.format.Bytes;
import dev.servescope.app.ui.widgets.Views;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Explore: why an image is this big. Its layers; its files as a tree with folder sizes (all, one layer's, or the
 * wasted ones); a treemap of the selected folder; and the diff between two images.
 */
public final class ExploreView {
  private final ExploreModel model;

  public ExploreView(ExploreModel model) {
    this.model = model;
  }

  public Node build() {
    ComboBox<String> image = new ComboBox<>(model.choices());
    image.setId("explore-image");
    image.setEditable(true);
    image.setPrefWidth(260);
    image.valueProperty().bindBidirectional(model.imageProperty());
    Button inspect = new Button("Inspect");
    inspect.setId("inspect-button");
    inspect.getStyleClass().add(Styles.ACCENT);
    inspect.setOnAction(e -> model.inspect());
    ComboBox<String> other = new ComboBox<>(model.choices());
    other.setId("explore-other");
    other.setEditable(true);
    other.setPrefWidth(200);
    other.valueProperty().bindBidirectional(model.otherProperty());
    Button diff = new Button("Diff from");
    diff.setId("diff-button");
    diff.setOnAction(e -> model.diff());
    Button stop = new Button("Stop");
    stop.setOnAction(e -> model.cancel());
    stop.disableProperty().bind(model.busyProperty().not());
    inspect.disableProperty().bind(model.busyProperty());
    diff.disableProperty().bind(model.busyProperty());
    ProgressBar progress = new ProgressBar();
    progress.setId("explore-progress");
    progress.progressProperty().bind(model.progressProperty());
    progress.visibleProperty().bind(model.busyProperty());
    Label message = new Label();
    message.setId("explore-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    HBox bar = new HBox(8, new Label("Image"), image, inspect, diff, other, stop, progress);
    bar.setAlignment(Pos.CENTER_LEFT);

    TabPane modes = new TabPane(new Tab("Files", files()), new Tab("Diff", diffTable()));
    modes.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    modes.setId("explore-modes");
    model.diffProperty().addListener((o, a, d) -> modes.getSelectionModel().select(1));
    model.reportProperty().addListener((o, a, r) -> modes.getSelectionModel().select(0));
    VBox root = new VBox(8, bar, message, modes);
    VBox.setVgrow(modes, Priority.ALWAYS);
    root.setPadding(new Insets(8));
    return root;
  }

  /** The image's layers, bottom first; picking one shows its files. */
  private TableView<ImageReport.LayerReport> layers() {
    TableView<ImageReport.LayerReport> layers = new TableView<>(model.layers());
    layers.setId("explore-layers");
    layers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    layers.getColumns().add(column("size", l -> Bytes.text(l.sizeBytes()), 90));
    layers.getColumns().add(column("transfer", l -> Bytes.text(l.transferBytes()), 90));
    layers.getColumns().add(column("files + ~ −", l -> l.filesAdded() + " " + l.filesChanged() + " "
        + l.filesRemoved(), 110));
    layers.getColumns().add(column("wasted", l -> l.wastedBytes() == 0 ? "" : Bytes.text(l.wastedBytes()), 80));
    layers.getColumns().add(column("instruction", l -> Instructions.label(l.createdBy()), 300));
    layers.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth() * (c.getText().equals("instruction") ? 0.5 : 1)));
    layers.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
      model.layerProperty().set(i.intValue());
      if (i.intValue() >= 0) {
        model.filterProperty().set(ExploreModel.Filter.LAYER);
      }
    });
    return layers;
  }

  /** The files as a tree with folder sizes, biggest first. */
  private TreeTableView<FolderTree.Node> tree() {
    TreeTableView<FolderTree.Node> tree = new TreeTableView<>();
    tree.setId("explore-tree");
    tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY);
    TreeTableColumn<FolderTree.Node, String> name = new TreeTableColumn<>("name");
    name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().name()));
    name.setPrefWidth(360);
    TreeTableColumn<FolderTree.Node, Long> size = new TreeTableColumn<>("size");
    size.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().bytes()));
    size.setCellFactory(col -> new javafx.scene.control.TreeTableCell<>() {
      @Override
      protected void updateItem(Long v, boolean empty) {
        super.updateItem(v, empty);
        setText(empty || v == null ? null : Bytes.text(v));
        setAlignment(Pos.CENTER_RIGHT);
      }
    });
    size.setPrefWidth(100);
    size.setSortType(TreeTableColumn.SortType.DESCENDING);
    TreeTableColumn<FolderTree.Node, Integer> count = new TreeTableColumn<>("files");
    count.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue().files()));
    count.setPrefWidth(70);
    tree.getColumns().add(name);
    tree.getColumns().add(size);
    tree.getColumns().add(count);
    tree.setShowRoot(true);
    return tree;
  }

  private Node files() {
    TableView<ImageReport.LayerReport> layers = layers();
    ComboBox<ExploreModel.Filter> filter = new ComboBox<>(FXCollections.observableArrayList(
        ExploreModel.Filter.values()));
    filter.setId("explore-filter");
    filter.valueProperty().bindBidirectional(model.filterProperty());
    Label categories = new Label();
    categories.setId("explore-categories");
    categories.setWrapText(true);
    model.reportProperty().addListener((o, a, r) -> categories.setText(r == null ? "" : kinds(r)));

    TreeTableView<FolderTree.Node> tree = tree();
    Treemap treemap = new Treemap(folder -> select(tree, folder));
    treemap.setId("explore-treemap");
    model.treeProperty().addListener((o, a, root) -> {
      tree.setRoot(root == null ? null : new LazyItem(root));
      if (root != null) {
        tree.getRoot().setExpanded(true);
        treemap.show(root);
      }
    });
    tree.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
      if (item != null && !item.getValue().isFile()) {
        treemap.show(item.getValue());
      }
    });

    VBox left = new VBox(6, Views.header("Layers (bottom first)"), layers, Views.header("Made of"), categories);
    VBox.setVgrow(layers, Priority.ALWAYS);
    HBox filterRow = new HBox(8, new Label("Show"), filter);
    filterRow.setAlignment(Pos.CENTER_LEFT);
    VBox middle = new VBox(6, filterRow, tree);
    VBox.setVgrow(tree, Priority.ALWAYS);
    SplitPane right = new SplitPane(middle, treemap);
    right.setOrientation(Orientation.VERTICAL);
    right.setDividerPositions(0.55);
    SplitPane split = new SplitPane(left, right);
    split.setDividerPositions(0.52);
    return split;
  }

  private Node diffTable() {
    ObservableList<ImageDiff.Change> rows = FXCollections.observableArrayList();
    TableView<ImageDiff.Change> table = new TableView<>(rows);
    table.setId("diff-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("change", ImageDiff.Change::change, 80));
    table.getColumns().add(column("Δ", c -> Bytes.signed(c.toBytes() - c.fromBytes()), 90));
    table.getColumns().add(column("from", c -> c.fromBytes() == 0 ? "" : Bytes.text(c.fromBytes()), 90));
    table.getColumns().add(column("to", c -> c.toBytes() == 0 ? "" : Bytes.text(c.toBytes()), 90));
    table.getColumns().add(column("path", ImageDiff.Change::path, 500));
    Label summary = new Label();
    summary.setId("diff-summary");
    summary.setWrapText(true);
    model.diffProperty().addListener((o, a, d) -> {
      rows.setAll(d == null ? java.util.List.of() : d.changes().stream().limit(5_000).toList());
      summary.setText(d == null ? "" : diffSummary(d));
    });
    VBox box = new VBox(6, summary, table);
    VBox.setVgrow(table, Priority.ALWAYS);
    return box;
  }

  static String diffSummary(ImageDiff d) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s → %s: %s of files (%s → %s)%nby kind: ",
        d.from(), d.to(), Bytes.signed(d.deltaBytes()), Bytes.text(d.fromBytes()), Bytes.text(d.toBytes())));
    sb.append(String.join(", ", d.categories().entrySet().stream().filter(e -> e.getValue() != 0)
        .sorted((x, y) -> Long.compare(Math.abs(y.getValue()), Math.abs(x.getValue())))
        .map(e -> e.getKey() + " " + Bytes.signed(e.getValue())).toList()));
    sb.append("\nby folder: ").append(String.join(", ", d.folders().entrySet().stream().limit(6)
        .map(e -> e.getKey() + " " + Bytes.signed(e.getValue())).toList()));
    return sb.toString();
  }

  static String kinds(ImageReport r) {
    return String.join("\n", r.categories().entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .map(e -> String.format(Locale.ROOT, "%9s  %s", Bytes.text(e.getValue()), e.getKey())).toList());
  }

  private static <T> TableColumn<T, String> column(String title, java.util.function.Function<T, String> f,
      double width) {
    TableColumn<T, String> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
    c.setPrefWidth(width);
    c.setSortable(false);
    return c;
  }

  /** Selects (expanding its way down) the tree item of a folder the treemap opened. */
  private static void select(TreeTableView<FolderTree.Node> tree, FolderTree.Node folder) {
    TreeItem<FolderTree.Node> at = tree.getRoot();
    if (at == null) {
      return;
    }
    for (String part : folder.path().substring(1).split("/")) {
      at.setExpanded(true);
      TreeItem<FolderTree.Node> next = null;
      for (TreeItem<FolderTree.Node> child : at.getChildren()) {
        if (child.getValue().name().equals(part)) {
          next = child;
          break;
        }
      }
      if (next == null) {
        break;
      }
      at = next;
    }
    tree.getSelectionModel().select(at);
    tree.scrollTo(Math.max(0, tree.getRow(at) - 3));
  }

  /** A tree item whose children are made when it is first opened: v1 has tens of thousands of files. */
  private static final class LazyItem extends TreeItem<FolderTree.Node> {
    private boolean loaded;

    LazyItem(FolderTree.Node node) {
      super(node);
    }

    @Override
    public boolean isLeaf() {
      return getValue().children().isEmpty();
    }

    @Override
    public ObservableList<TreeItem<FolderTree.Node>> getChildren() {
      if (!loaded) {
        loaded = true;
        super.getChildren().setAll(getValue().children().stream().map(LazyItem::new).toList());
      }
      return super.getChildren();
    }
  }
}
