package io.isoscope.views.console;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The terminal model stays plain Java: unit-testable without the toolkit, reusable by any view. */
@AnalyzeClasses(packages = "io.isoscope.views.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ConsoleArchTest {

    @ArchTest
    static final ArchRule terminalModelIsPlainJava = noClasses()
            .that().resideInAPackage("io.isoscope.views.console.terminal..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.isoscope.engine..")
            .because("the screen buffer and parser are a model: the Canvas view draws them, tests read them");

    @ArchTest
    static final ArchRule onlyTheViewModelSideOpensSessions = noClasses()
            .that().haveSimpleNameEndingWith("View").or().haveSimpleName("TerminalCanvas")
            .should().dependOnClassesThat().resideInAPackage("io.isoscope.engine..")
            .because("the view and its control bind to the ViewModel; sessions are the ViewModel's business");
}
