package io.isoscope.engine.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine is plain Java under the views and the app, and its public API stands on its own. */
class EngineLayeringTest {

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.isoscope.engine");
    }

    @Test
    void engineNeverImportsJavaFx() {
        noClasses().that().resideInAPackage("io.isoscope.engine..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(engine);
    }

    @Test
    void engineNeverPointsBackAtViewsOrApp() {
        noClasses().that().resideInAPackage("io.isoscope.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.isoscope.views..", "io.isoscope.app..")
                .check(engine);
    }

    @Test
    void publicApiDependsOnlyOnTheJdk() {
        classes().that().resideInAPackage("io.isoscope.engine.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.isoscope.engine.api..", "java..")
                .check(engine);
    }
}
