package dev.moor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The package boundaries that keep Moor one core with thin surfaces. */
class ModularityTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.moor");

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersPublicApi() {
        ApplicationModules.of(MoorApplication.class).verify();
    }

    @Test
    void nothingDependsOnTheVendorDialects() {
        noClasses().that().resideOutsideOfPackage("dev.moor.compat..")
                .should().dependOnClassesThat().resideInAPackage("dev.moor.compat..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void noVendorDialectDependsOnAnother() {
        List<String> vendors = List.of("blynk", "losant", "iotbackend", "mymote");
        for (String vendor : vendors) {
            String[] others = vendors.stream().filter(other -> !other.equals(vendor))
                    .map(other -> "dev.moor.compat." + other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.moor.compat." + vendor + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .check(CLASSES);
        }
    }

    @Test
    void connectivityKnowsNothingOfCommandsOrFirmware() {
        noClasses().that().resideInAPackage("dev.moor.connectivity..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.moor.command..", "dev.moor.firmware..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
