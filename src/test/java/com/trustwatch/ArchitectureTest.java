package com.trustwatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The shape STYLE.md asks for, kept by tests rather than by memory. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.trustwatch");
    }

    @Test
    @DisplayName("only the rules package touches Drools or the KIE API")
    void droolsStaysInRules() {
        noClasses().that().resideOutsideOfPackage("com.trustwatch.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
                .check(classes);
    }

    @Test
    @DisplayName("domain types (facts, money, the matter and its enums) import neither Drools nor Micronaut")
    void domainIsPlainJava() {
        noClasses().that().resideInAnyPackage("com.trustwatch.decision..", "com.trustwatch.money..")
                .or().haveSimpleName("Matter").or().haveSimpleName("Tier").or().haveSimpleName("FeeType")
                .or().haveSimpleName("RetainerType").or().haveSimpleName("MatterStatus").or().haveSimpleName("Jurisdiction")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..", "io.micronaut..")
                .check(classes);
    }

    @Test
    @DisplayName("rules decide and never act: decision facts do not reach the executor, mail or audit")
    void rulesNeverAct() {
        noClasses().that().resideInAnyPackage("com.trustwatch.decision..", "com.trustwatch.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("com.trustwatch.action..", "com.trustwatch.mail..",
                        "com.trustwatch.audit..", "com.trustwatch.evaluation..")
                .check(classes);
    }

    @Test
    @DisplayName("executors act and never decide: the executor and mail code do not use the rules engine")
    void executorsNeverDecide() {
        noClasses().that().resideInAnyPackage("com.trustwatch.action..", "com.trustwatch.mail..",
                        "com.trustwatch.audit..")
                .should().dependOnClassesThat().resideInAPackage("com.trustwatch.rules..")
                .check(classes);
    }

    @Test
    @DisplayName("time comes from the injected Clock: no code asks the system clock itself")
    void noWallClock() {
        noClasses().that().doNotHaveSimpleName("ClockFactory")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.Instant.class, "now")
                .check(classes);
    }
}
