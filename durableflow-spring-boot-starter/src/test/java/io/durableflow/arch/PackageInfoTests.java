package io.durableflow.arch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every main package says whether it is API or internal, and that it is null-marked. */
class PackageInfoTests {

	private static final Path MAIN = Path.of("src/main/java");

	@Test
	void everyMainPackageHasANullMarkedPackageInfoThatSaysWhetherItIsApi() throws IOException {
		List<Path> packages;
		try (Stream<Path> files = Files.walk(MAIN)) {
			packages = files.filter((file) -> file.toString().endsWith(".java"))
				.map(Path::getParent)
				.distinct()
				.toList();
		}
		assertThat(packages).hasSizeGreaterThan(20).allSatisfy((directory) -> {
			Path info = directory.resolve("package-info.java");
			assertThat(info).as(MAIN.relativize(directory).toString()).exists();
			String text = Files.readString(info);
			assertThat(text).as(info.toString()).contains("@NullMarked");
			assertThat(text).as(info.toString())
				.containsAnyOf("/**\n * API: ", "/**\n * Internal: may change without notice.");
		});
	}

}
