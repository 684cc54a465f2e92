package dev.servescope.app.ui.build;

import dev.servescope.app.ladder.file.DockerfileArgs;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.LadderFileEditor;
import dev.servescope.app.ladder.file.LadderFiles;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.file.RungDraft;
import dev.servescope.app.ladder.file.RungSpec;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.report.RungText;
import dev.servescope.app.ui.task.BackgroundTask;
import dev.servescope.app.ui.task.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open ladder of the Build view: the built-in one or a file of your own (opened, rungs added and removed), the
 * selected rung, and its Dockerfile and lesson. Files are read and written through the task executor.
 */
public final class LadderModel {
  private static final Logger LOG = LoggerFactory.getLogger(LadderModel.class);
  /** The built-in ladder before its file is read (or when it cannot be). */
  private static final LadderFile BUILT_IN = LadderFile.ofVersions(LadderVersion.ALL.stream().map(LadderVersion::id)
      .toList());

  private final Supplier<ProjectLayout> layout;
  private final TaskExecutor tasks;
  private final Consumer<String> say;
  private final BooleanSupplier busy;
  private final Consumer<List<RungSpec>> shown;
  private final ReadOnlyObjectWrapper<LadderFile> ladder = new ReadOnlyObjectWrapper<>(BUILT_IN);
  private final ReadOnlyBooleanWrapper builtIn = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyStringWrapper ladderName = new ReadOnlyStringWrapper("");
  private final ObservableList<RungSpec> rungs = FXCollections.observableArrayList(BUILT_IN.rungs());
  private final ObjectProperty<RungSpec> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper dockerfile = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper lesson = new ReadOnlyStringWrapper("");

  /**
   * @param say shows a message under the ladder
   * @param busy whether a run is going (the ladder is not edited or swapped meanwhile)
   * @param shown told the rungs each time another ladder is shown
   */
  LadderModel(Supplier<ProjectLayout> layout, TaskExecutor tasks, Consumer<String> say, BooleanSupplier busy,
      Consumer<List<RungSpec>> shown) {
    this.layout = layout;
    this.tasks = tasks;
    this.say = say;
    this.busy = busy;
    this.shown = shown;
    selected.addListener((obs, old, r) -> showRung(r));
    show(BUILT_IN, true);
  }

  /** The rungs of the open ladder, in its order. */
  public ObservableList<RungSpec> rungs() {
    return rungs;
  }

  public ObjectProperty<RungSpec> selectedProperty() {
    return selected;
  }

  /** The open ladder: the built-in one unless a file was opened. */
  public ReadOnlyObjectProperty<LadderFile> ladderProperty() {
    return ladder.getReadOnlyProperty();
  }

  /** Whether the open ladder is the built-in one (edits then go to a copy of your own). */
  public ReadOnlyBooleanProperty builtInProperty() {
    return builtIn.getReadOnlyProperty();
  }

  /** The open ladder's name and file. */
  public ReadOnlyStringProperty ladderNameProperty() {
    return ladderName.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty dockerfileProperty() {
    return dockerfile.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty lessonProperty() {
    return lesson.getReadOnlyProperty();
  }

  /** Opens the built-in ladder file ({@code dockerfiles/ladder.yaml}); without a checkout, its rungs as known. */
  public void openBuiltIn() {
    tasks.execute(BackgroundTask.<LadderFile>of(p -> LadderFiles.read(layout.get().ladderFile()))
        .onSuccess(file -> show(file, true))
        .onFailure(e -> LOG.debug("built-in ladder file unreadable: {}", e.getMessage())));
  }

  /** Opens a ladder file of your own; one that cannot be read leaves the open ladder as it was and says why. */
  public void openLadder(Path file) {
    if (busy.getAsBoolean()) {
      say.accept("A build is running: open another ladder when it is done.");
      return;
    }
    tasks.execute(BackgroundTask.<LadderFile>of(p -> LadderFiles.read(file))
        .onSuccess(l -> {
          show(l, false);
          say.accept("Opened " + l.source() + ": " + l.rungs().size() + " rungs.");
        })
        .onFailure(e -> say.accept("Cannot open the ladder: " + e.getMessage())));
  }

  /**
   * Makes the built-in ladder a file of your own at {@code target} (rungs and budgets as they are) and opens it, so
   * that rungs can be added to it.
   */
  public void saveBuiltInAs(Path target) {
    tasks.execute(BackgroundTask.<LadderFile>of(p -> LadderFileEditor.copyAsYourOwn(layout.get().ladderFile(),
        target)).onSuccess(l -> {
          show(l, false);
          say.accept("Saved the built-in ladder as " + target + ": add your rungs to it.");
        }).onFailure(e -> say.accept("Cannot save the ladder: " + e.getMessage())));
  }

  /** Adds a rung to the open ladder file and selects it; a draft with problems is refused with them. */
  public void addRung(RungDraft draft) {
    edit(l -> LadderFileEditor.addRung(l, draft), draft.id(), "Added " + draft.id() + " to ");
  }

  /** Removes the selected rung (and its budget) from the open ladder file. */
  public void removeSelected() {
    RungSpec r = selected.get();
    if (r != null) {
      edit(l -> LadderFileEditor.removeRung(l, r.id()), null, "Removed " + r.id() + " from ");
    }
  }

  private void edit(UnaryOperator<LadderFile> change, String select, String said) {
    if (busy.getAsBoolean() || builtIn.get()) {
      say.accept(busy.getAsBoolean() ? "A build is running: edit the ladder when it is done."
          : "The built-in ladder is part of ServeScope: save it as a file of your own first.");
      return;
    }
    LadderFile before = ladder.get();
    tasks.execute(BackgroundTask.<LadderFile>of(p -> change.apply(before)).onSuccess(l -> {
      show(l, false);
      l.rungs().stream().filter(r -> r.id().equals(select)).findFirst().ifPresent(selected::set);
      say.accept(said + l.source() + ".");
    }).onFailure(e -> say.accept("Cannot change the ladder: " + e.getMessage())));
  }

  private void show(LadderFile l, boolean isBuiltIn) {
    String keep = selected.get() == null ? null : selected.get().id();
    ladder.set(l);
    builtIn.set(isBuiltIn);
    ladderName.set(l.name() + (isBuiltIn ? " (built-in)" : " · " + l.source()) + " · reference " + l.reference());
    rungs.setAll(l.rungs());
    selected.set(l.rungs().stream().filter(r -> r.id().equals(keep)).findFirst().orElse(l.rungs().get(0)));
    showRung(selected.get());
    shown.accept(l.rungs());
  }

  /** A rung's Dockerfile and its lesson. */
  private record Text(String dockerfile, String lesson) {}

  /** Reads the rung's Dockerfile and lesson off the UI thread; a newer selection wins. */
  private void showRung(RungSpec r) {
    if (r == null) {
      return;
    }
    tasks.execute(BackgroundTask.<Text>of(p -> switch (r.kind()) {
      case BUILTIN -> {
        LadderVersion v = LadderVersion.byId(r.builtin());
        ProjectLayout checkout = layout.get();
        yield new Text(v.dockerfile(checkout), v.lesson(checkout));
      }
      case DOCKERFILE -> {
        String text = Files.readString(r.dockerfile());
        String comment = DockerfileArgs.leadingComment(text);
        yield new Text(text, r.lesson() != null ? r.lesson() : comment.isEmpty() ? RungText.describe(r) : comment);
      }
      case IMAGE -> new Text(RungText.imageSummary(r), r.lesson() != null ? r.lesson()
          : "An existing image, measured as it is.");
    }).onSuccess(text -> {
      if (r.equals(selected.get())) {
        dockerfile.set(text.dockerfile());
        lesson.set(text.lesson());
      }
    }).onFailure(e -> {
      if (r.equals(selected.get())) {
        dockerfile.set("");
        lesson.set("Cannot read the Dockerfile: " + e.getMessage());
      }
    }));
  }
}
