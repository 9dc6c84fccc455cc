package org.spotifymcp.shared.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.spotifymcp.shared.SharedModelAutoConfiguration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Which module a class belongs to, for the boundary tests of every module: the core, the
 * history store ({@code org.spotifymcp.shared.analytics}), the Spotify client
 * ({@code org.spotifymcp.shared.spotify}) and the import engine. The engine shares the
 * package {@code org.spotifymcp.shared.imports} with the core's import intake, so it is
 * told apart by where a class was loaded from, not by its name. Arrays count as their
 * element type.
 */
public final class ModuleBoundaries {

	private ModuleBoundaries() {
	}

	/**
	 * The production classes of the module that holds the given class (its
	 * {@code target/classes}), without test classes or dependencies.
	 * @param member any production class of the module
	 * @return the imported classes
	 */
	public static JavaClasses productionClassesOf(Class<?> member) {
		return new ClassFileImporter().importPath(locationOf(member));
	}

	public static DescribedPredicate<JavaClass> historyStore() {
		return DescribedPredicate.describe("the history store (org.spotifymcp.shared.analytics)",
				(type) -> type.getPackageName().startsWith("org.spotifymcp.shared.analytics"));
	}

	public static DescribedPredicate<JavaClass> spotifyClient() {
		return DescribedPredicate.describe("the Spotify client (org.spotifymcp.shared.spotify)",
				(type) -> type.getPackageName().startsWith("org.spotifymcp.shared.spotify"));
	}

	public static DescribedPredicate<JavaClass> importEngine() {
		return DescribedPredicate.describe("the import engine (org.spotifymcp.shared.imports outside the core)",
				(type) -> type.getPackageName().startsWith("org.spotifymcp.shared.imports")
						&& !inCore(type.getBaseComponentType().getName()));
	}

	/**
	 * A rule that no class of the checked module uses any of the given modules.
	 * @param modules the modules the checked one must not use
	 * @return the rule, to be checked against {@link #productionClassesOf}
	 */
	@SafeVarargs
	public static ArchRule mustNotUse(DescribedPredicate<JavaClass>... modules) {
		DescribedPredicate<JavaClass> any = modules[0];
		for (int i = 1; i < modules.length; i++) {
			any = any.or(modules[i]);
		}
		return noClasses().should().dependOnClassesThat(any);
	}

	private static boolean inCore(String className) {
		try {
			Class<?> type = Class.forName(className, false, ModuleBoundaries.class.getClassLoader());
			return locationOf(type).equals(locationOf(SharedModelAutoConfiguration.class));
		}
		catch (ClassNotFoundException ex) {
			// not on this module's classpath, so certainly not part of the core
			return false;
		}
	}

	private static Path locationOf(Class<?> type) {
		CodeSource source = type.getProtectionDomain().getCodeSource();
		if (source == null) {
			throw new IllegalStateException("no code source for " + type.getName());
		}
		URL location = source.getLocation();
		try {
			return Path.of(location.toURI()).toAbsolutePath().normalize();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("unreadable location " + location + " of " + type.getName(), ex);
		}
	}

}
