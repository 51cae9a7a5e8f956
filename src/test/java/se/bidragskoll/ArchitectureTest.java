package se.bidragskoll;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packages as the README's architecture section draws them: floors that go one way (a package
 * uses only packages on floors below its own) and no cycle between packages.
 */
class ArchitectureTest {

    /** From the ground up: each package may use the packages of the floors below it. */
    static final List<List<String>> FLOORS = List.of(
            List.of("model", "text"),
            List.of("ruleset"),
            List.of("api", "share"),
            List.of("security", "judgement"),
            List.of("scenario", "ledger"),
            List.of("rulebase"),
            List.of("review", "metrics"),
            List.of("dossier"),
            List.of("scheduling", "plan", "cli"),
            List.of("calendar"),
            List.of("web"));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("se.bidragskoll");

    @Test
    void shouldKeepThePackagesFreeOfCycles() {
        slices().matching("se.bidragskoll.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void shouldLetEveryPackageUseOnlyTheFloorsBelowIt() {
        for (int floor = 0; floor < FLOORS.size(); floor++) {
            List<String> notBelow = new ArrayList<>();
            for (int other = floor; other < FLOORS.size(); other++) {
                for (String p : FLOORS.get(other)) {
                    notBelow.add("se.bidragskoll." + p + "..");
                }
            }
            for (String p : FLOORS.get(floor)) {
                List<String> forbidden = notBelow.stream().filter(n -> !n.equals("se.bidragskoll." + p + "..")).toList();
                noClasses().that().resideInAPackage("se.bidragskoll." + p + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                        .because(p + " stands on floor " + (floor + 1) + " and uses only the floors below it")
                        .check(CLASSES);
            }
        }
    }

    @Test
    void shouldNameEveryPackageOnAFloor() {
        org.junit.jupiter.api.Assertions.assertTrue(CLASSES.size() > 200, "the classes were read: " + CLASSES.size());
        java.util.Set<String> placed = new java.util.HashSet<>();
        FLOORS.forEach(placed::addAll);
        CLASSES.stream().map(c -> c.getPackageName()).filter(n -> n.startsWith("se.bidragskoll."))
                .map(n -> n.substring("se.bidragskoll.".length()).split("\\.")[0]).distinct()
                .forEach(p -> org.junit.jupiter.api.Assertions.assertTrue(placed.contains(p),
                        "package " + p + " is on no floor of ArchitectureTest.FLOORS"));
    }
}
