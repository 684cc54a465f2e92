package dev.servescope.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The one-way architecture of DESIGN.md, checked on the bytecode (fully qualified names and cycles included): the
 * ladder is the domain and knows no engine, database or GUI; only the GUI imports JavaFX; only the command line
 * prints.
 */
@AnalyzeClasses(packages = "dev.servescope", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noCyclesBetweenPackages = slices().matching("dev.servescope.(**)").should().beFreeOfCycles();

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
