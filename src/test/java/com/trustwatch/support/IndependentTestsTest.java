package com.trustwatch.support;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * Tests do not lean on each other: no test class fixes the order of its methods, so that any one of them
 * runs alone and in any order (each builds its own fixture: docs/testing.md).
 */
class IndependentTestsTest {

    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages("com.trustwatch");

    @Test
    @DisplayName("no test class orders its methods, and no test method has a place in an order")
    void noTestDependsOnAnotherHavingRun() {
        noClasses().should().beAnnotatedWith(TestMethodOrder.class)
                .because("each test builds its own fixture and runs alone, in any order (docs/testing.md)")
                .check(TESTS);
        noMethods().should().beAnnotatedWith(Order.class)
                .because("each test builds its own fixture and runs alone, in any order (docs/testing.md)")
                .check(TESTS);
    }
}
