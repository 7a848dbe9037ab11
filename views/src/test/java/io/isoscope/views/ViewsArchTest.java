package io.isoscope.views;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.isoscope.engine.api.ContainerEngine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The MVVM rules of the views module, checked on its compiled classes. */
@AnalyzeClasses(packages = "io.isoscope.views", importOptions = ImportOption.DoNotIncludeTests.class)
class ViewsArchTest {

    /** ViewModels and the row models they hand to tables, with their nested and anonymous classes. */
    private static final String VIEW_MODEL_SIDE = ".*(ViewModel|Row)(\\$.*)?";
    private static final String VIEW = ".*View(\\$.*)?";

    @ArchTest
    static final ArchRule viewModelsDoNotTouchTheSceneGraph = noClasses()
            .that().haveNameMatching(VIEW_MODEL_SIDE)
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("ViewModels use javafx.beans and javafx.collections only, so they run without the toolkit");

    @ArchTest
    static final ArchRule viewsDoNotTouchTheEngine = noClasses()
            .that().haveNameMatching(VIEW)
            .should().dependOnClassesThat().resideInAPackage("io.isoscope.engine..")
            .because("a View binds to its ViewModel and nothing else (no exception for api value types needed)");

    @ArchTest
    static final ArchRule onlyViewModelsCallTheEngine = noClasses()
            .that().haveNameNotMatching(".*ViewModel(\\$.*)?")
            .should().dependOnClassesThat().areAssignableTo(ContainerEngine.class)
            .because("a ViewModel is the only class that calls the engine");

    @ArchTest
    static final ArchRule viewsDoNotKnowTheApp = noClasses()
            .that().resideInAPackage("io.isoscope.views..")
            .should().dependOnClassesThat().resideInAPackage("io.isoscope.app..")
            .because("the dependency direction is app -> views -> engine");

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices()
            .matching("io.isoscope.views.(*)..")
            .should().beFreeOfCycles();
}
