package io.durableflow;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The starter's packages depend on each other in one direction (docs/ENGINE.md,
 * "Packages"): no cycle between top-level packages nor between a package and its
 * sub-packages, the API depends on no internal package, and the low layers know nothing
 * of the ones above them.
 */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importMainClasses() {
		classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
			.importPackages("io.durableflow");
	}

	@Test
	void topLevelPackagesAreFreeOfCycles() {
		slices().matching("io.durableflow.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void everyPackageIsFreeOfCyclesWithItsSubPackages() {
		slices().matching("io.durableflow.(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void theApiDependsOnNoInternalPackage() {
		noClasses().that()
			.resideInAPackage("io.durableflow")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(internal())
			.check(classes);
	}

	@Test
	void theNotificationBusDependsOnNothingOfTheEngine() {
		noClasses().that()
			.resideInAPackage("io.durableflow.notify..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(except(internal(), "io.durableflow.support.."))
			.check(classes);
	}

	@Test
	void changesAndTheClaimQueryDependOnTheApiOnly() {
		noClasses().that()
			.resideInAnyPackage("io.durableflow.change..", "io.durableflow.queue..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(
					except(internal(), "io.durableflow.change..", "io.durableflow.queue..", "io.durableflow.support.."))
			.check(classes);
	}

	@Test
	void theStoreKnowsNothingOfWhatExecutesOrSchedulesRuns() {
		noClasses().that()
			.resideInAPackage("io.durableflow.store..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.durableflow.execution..", "io.durableflow.dispatch..", "io.durableflow.start..",
					"io.durableflow.engine..", "io.durableflow.definition..", "io.durableflow.live..",
					"io.durableflow.metrics..", "io.durableflow.actuate..", "io.durableflow.autoconfigure..",
					"io.durableflow.tutorials..", "io.durableflow.testing..")
			.check(classes);
	}

	@Test
	void executionKnowsNothingOfSchedulingOrIntegrations() {
		noClasses().that()
			.resideInAnyPackage("io.durableflow.execution..", "io.durableflow.start..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.durableflow.dispatch..", "io.durableflow.engine..", "io.durableflow.live..",
					"io.durableflow.metrics..", "io.durableflow.actuate..", "io.durableflow.autoconfigure..",
					"io.durableflow.testing..")
			.check(classes);
	}

	@Test
	void yamlDefinitionsDependOnTheApiAndDefinitionsOnly() {
		noClasses().that()
			.resideInAPackage("io.durableflow.definition.yaml..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(except(internal(), "io.durableflow.definition.."))
			.check(classes);
	}

	private static String[] internal() {
		return new String[] { "io.durableflow.actuate..", "io.durableflow.autoconfigure..", "io.durableflow.change..",
				"io.durableflow.definition..", "io.durableflow.dispatch..", "io.durableflow.engine..",
				"io.durableflow.execution..", "io.durableflow.json..", "io.durableflow.live..",
				"io.durableflow.metrics..", "io.durableflow.notify..", "io.durableflow.queue..",
				"io.durableflow.start..", "io.durableflow.store..", "io.durableflow.support.." };
	}

	private static String[] except(String[] packages, String... allowed) {
		return java.util.Arrays.stream(packages)
			.filter((candidate) -> !java.util.Arrays.asList(allowed).contains(candidate))
			.toArray(String[]::new);
	}

}
