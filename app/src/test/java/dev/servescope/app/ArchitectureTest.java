package dev.servescope.app;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The one-way architecture of DESIGN.md, checked on the bytecode (fully qualified names and cycles included): the
 * faces (command line, window) reach the adapters only through the one composition root; the ladder is the domain and
 * knows no engine, database or GUI; views bind to their models and touch no service; only the GUI imports JavaFX;
 * only the command line prints.
 */
@AnalyzeClasses(packages = "dev.servescope", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noCyclesBetweenPackages = slices().matching("dev.servescope.(**)").should().beFreeOfCycles();

  /**
   * Faces on top, then the composition root, then the adapters, then the domain; {@code report} is what both faces
   * share, {@code image} the saved-image reader, {@code format} how bytes and times read.
   */
  @ArchTest
  static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("Launch").definedBy("dev.servescope.app")
      .layer("Faces").definedBy("dev.servescope.app.cli..", "dev.servescope.app.ui..")
      .layer("Wiring").definedBy("dev.servescope.app.wiring..")
      .layer("Report").definedBy("dev.servescope.app.report..")
      .layer("Adapters").definedBy("dev.servescope.app.docker..", "dev.servescope.app.store..")
      .layer("Images").definedBy("dev.servescope.app.image..")
      .layer("Domain").definedBy("dev.servescope.app.ladder..", "dev.servescope.app.load..")
      .layer("Format").definedBy("dev.servescope.app.format..")
      .layer("Inference").definedBy("dev.servescope.inference..")
      .whereLayer("Launch").mayNotBeAccessedByAnyLayer()
      .whereLayer("Faces").mayOnlyBeAccessedByLayers("Launch")
      .whereLayer("Wiring").mayOnlyBeAccessedByLayers("Launch", "Faces")
      .whereLayer("Report").mayOnlyBeAccessedByLayers("Faces")
      .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Wiring")
      .whereLayer("Images").mayOnlyBeAccessedByLayers("Faces", "Wiring", "Adapters")
      .whereLayer("Domain").mayOnlyBeAccessedByLayers("Faces", "Wiring", "Report", "Adapters", "Images")
      .whereLayer("Format").mayOnlyBeAccessedByLayers("Faces", "Report", "Adapters", "Images", "Domain")
      .whereLayer("Inference").mayOnlyBeAccessedByLayers("Faces", "Wiring", "Report", "Adapters", "Domain");

  /** What does slow work or holds a resource: what a view must not reach past its model. */
  private static final DescribedPredicate<JavaClass> SERVICES = or(
      resideInAnyPackage("dev.servescope.app.wiring..", "dev.servescope.app.docker..", "dev.servescope.app.store..",
          "dev.servescope.app.ladder.run..", "dev.servescope.app.ladder.measure..", "dev.servescope.app.ladder.host..",
          "dev.servescope.app.load..", "dev.servescope.app.ui.task.."),
      assignableTo(dev.servescope.app.ladder.ContainerEngine.class),
      assignableTo(dev.servescope.app.ladder.result.HistoryReader.class),
      assignableTo(dev.servescope.app.image.ImageAccess.class),
      assignableTo(dev.servescope.app.image.ImageStore.class),
      assignableTo(dev.servescope.app.image.ImageInspector.class),
      assignableTo(dev.servescope.inference.model.ModelCatalog.class),
      assignableTo(dev.servescope.inference.classify.Predictor.class))
      .as("services (engine, history, images, models, runners, executors, the wiring)");

  @ArchTest
  static final ArchRule viewsTouchNoServices = noClasses().that().resideInAPackage("dev.servescope.app.ui..")
      .and(or(simpleNameEndingWith("View"), simpleNameEndingWith("Pane"), simpleNameEndingWith("Dialog")))
      .should().dependOnClassesThat(SERVICES)
      .because("a view binds to its presentation model, which receives the services it needs");

  @ArchTest
  static final ArchRule theLadderKnowsNoEngineDatabaseOrGui = noClasses().that()
      .resideInAPackage("dev.servescope.app.ladder..")
      .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "java.sql..", "org.sqlite..",
          "javafx..", "dev.servescope.app.docker..", "dev.servescope.app.store..", "dev.servescope.app.ui..",
          "dev.servescope.app.cli..", "dev.servescope.app.wiring..");

  @ArchTest
  static final ArchRule inferenceImportsNothingFromTheApp = noClasses().that()
      .resideInAPackage("dev.servescope.inference..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.servescope.app..", "javafx..",
          "com.github.dockerjava..");

  @ArchTest
  static final ArchRule onlyTheGuiImportsJavaFx = noClasses().that()
      .resideOutsideOfPackage("dev.servescope.app.ui..")
      .should().dependOnClassesThat().resideInAPackage("javafx..");

  @ArchTest
  static final ArchRule onlyTheDockerAdapterImportsDockerJava = noClasses().that()
      .resideOutsideOfPackage("dev.servescope.app.docker..")
      .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..");

  @ArchTest
  static final ArchRule onlyTheStoreTalksToTheDatabase = noClasses().that()
      .resideOutsideOfPackage("dev.servescope.app.store..")
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..");

  @ArchTest
  static final ArchRule onlyTheCommandLinePrints = noClasses().that()
      .resideOutsideOfPackages("dev.servescope.app.cli..", "dev.servescope.app")
      .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
      .orShould().callMethod(Throwable.class, "printStackTrace");
}
