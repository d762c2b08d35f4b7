package io.durableflow.ui;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The console is a client of the starter like any application: it sees the public API
 * only, so the engine's internal packages stay free to change without breaking it.
 */
@AnalyzeClasses(packagesOf = DurableFlowUiAutoConfiguration.class, importOptions = ImportOption.DoNotIncludeTests.class)
class PublicApiOnlyTests {

	@ArchTest
	static final ArchRule theConsoleDependsOnlyOnTheStartersPublicApi = classes().that()
		.resideInAPackage("io.durableflow.ui..")
		.should()
		.onlyDependOnClassesThat(resideInAnyPackage("io.durableflow", "io.durableflow.testing..",
				"io.durableflow.tutorials..", "io.durableflow.ui..")
			.or(resideOutsideOfPackage("io.durableflow..")))
		.because("the starter's packages other than io.durableflow (and its testing and tutorials API) are "
				+ "internal; add what the console needs to the API instead");

}
