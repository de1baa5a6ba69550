package io.salesactivitysync;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The package rules of DESIGN.md, checked on the product's compiled classes ({@code target/classes};
 * the test tree, the sandbox with it, is not imported):
 * <ul>
 *   <li>the product never uses the sandbox, and no sandbox class is part of the product;</li>
 *   <li>the capabilities {@code api}, {@code mail}, {@code activity} and {@code task} use
 *       {@code store} and {@code salesforce}, never each other;</li>
 *   <li>{@code store} may use {@code salesforce}'s value types (a record keeps Salesforce ids),
 *       {@code salesforce} uses no other product package: it only speaks Salesforce, and the
 *       capabilities join the two;</li>
 *   <li>{@code actuator} and {@code startup} are the application's edges (what operators see, what
 *       is checked at start): they may use the capabilities, no capability uses them;</li>
 *   <li>{@code console} serves the console's static files and uses no other product package: the
 *       page reaches the product through the REST API like any client;</li>
 *   <li>no package cycles.</li>
 * </ul>
 * Rules about packages that do not exist yet ({@code activity}, {@code task}, {@code salesforce})
 * pass while the package is empty and apply as soon as its first class arrives.
 */
@AnalyzeClasses(packages = "io.salesactivitysync",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    private static final String PRODUCT = "io.salesactivitysync";
    private static final String SANDBOX = PRODUCT + ".sandbox..";

    @ArchTest
    static final ArchRule productNeverUsesTheSandbox = noClasses().that().resideInAPackage(PRODUCT + "..")
            .should().dependOnClassesThat().resideInAPackage(SANDBOX)
            .because("the sandbox is development-time code in the test tree; the production jar does not carry it");

    @ArchTest
    static final ArchRule noSandboxInTheProduct = noClasses().should().resideInAPackage(SANDBOX)
            .because("the sandbox lives in src/test; mvn spring-boot:test-run starts it");

    @ArchTest
    static final ArchRule api = capability("api", "store", "salesforce");

    @ArchTest
    static final ArchRule mail = capability("mail", "store", "salesforce");

    @ArchTest
    static final ArchRule activity = capability("activity", "store", "salesforce");

    @ArchTest
    static final ArchRule task = capability("task", "store", "salesforce");

    @ArchTest
    static final ArchRule store = capability("store", "salesforce");

    /** The console only serves its files: the page reaches the product through the REST API alone. */
    @ArchTest
    static final ArchRule console = capability("console");

    @ArchTest
    static final ArchRule salesforce = capability("salesforce");

    @ArchTest
    static final ArchRule noCycles = slices().matching(PRODUCT + ".(*)..").should().beFreeOfCycles();

    /** Classes of the package depend only on themselves, the packages named, and what is not the product. */
    private static ArchRule capability(String name, String... mayUse) {
        String[] allowed = Stream.concat(Stream.of(name), Arrays.stream(mayUse))
                .map(used -> PRODUCT + "." + used + "..").toArray(String[]::new);
        return classes().that().resideInAPackage(PRODUCT + "." + name + "..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(PRODUCT + "..").or(resideInAnyPackage(allowed)))
                .allowEmptyShould(true)
                .as(name + (mayUse.length == 0 ? " depends on no other product package" : " depends only on " + String.join(" and ", mayUse)))
                .because("capabilities depend inward on store and salesforce, never on each other (DESIGN.md)");
    }
}
