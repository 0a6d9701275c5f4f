package com.trustwatch.rules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.trustwatch.decision.Obligations;
import com.trustwatch.ledger.LedgerRepository;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.matter.RecordRetention.Retention;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** "Retain records until" for closed matters, from each pack's record-retention row; and nothing purges before it. */
class RecordRetentionTest {

    private static final Obligations SHIPPED = RulesHarness.shippedRuleset().obligations();

    private static Retention retention(com.trustwatch.fixtures.MatterFixture m) {
        return PackRecordRetention.retention(SHIPPED, m.build()).orElseThrow();
    }

    @Test
    @DisplayName("a Washington matter closed at zero on 2026-01-10 and last reconciled on 2026-02-01 keeps its records seven years from the later date")
    void countedFromTheLatestDate() {
        Retention r = retention(aMatter().inJurisdiction("US-WA").closedOn(LocalDate.of(2026, 1, 10)).holding("0.00")
                .reconciledOn(LocalDate.of(2026, 2, 1)));
        assertThat(r.retainUntil()).isEqualTo(LocalDate.of(2033, 2, 1));
        assertThat(r.years()).isEqualTo(7);
        assertThat(r.countedFrom()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(r.citation()).startsWith("Wash. RPC 1.15B(a)");
        assertThat(r.confidence()).isEqualTo("verified");
    }

    @Test
    @DisplayName("each jurisdiction's period: California five years, Florida six, New York seven, Ohio the ABA default five")
    void perJurisdiction() {
        for (var c : List.of(new Object[]{"US-CA", 5}, new Object[]{"US-FL", 6}, new Object[]{"US-NY", 7},
                new Object[]{"US-OH", 5}, new Object[]{"ABA", 5}, new Object[]{"US-TX", 5})) {
            Retention r = retention(aMatter().inJurisdiction((String) c[0]).closedOn(LocalDate.of(2026, 3, 1))
                    .holding("0.00").reconciledOn(LocalDate.of(2026, 3, 1)));
            assertThat(r.retainUntil()).as("%s", c[0]).isEqualTo(LocalDate.of(2026 + (int) c[1], 3, 1));
        }
    }

    @Test
    @DisplayName("no date while a closed matter still holds money or has no closing date, with the reason; an open matter has none")
    void notYetKnown() {
        Retention holding = retention(aMatter().closedOn(LocalDate.of(2026, 3, 1)).holding("250.00"));
        assertThat(holding.retainUntil()).isNull();
        assertThat(holding.note()).contains("$250.00").contains("final payment out of trust");
        Retention undated = retention(aMatter().closedOn(null).holding("0.00"));
        assertThat(undated.retainUntil()).isNull();
        assertThat(undated.note()).contains("closing date is not recorded");
        assertThat(PackRecordRetention.retention(SHIPPED, aMatter().build())).isEmpty();
    }

    @Test
    @DisplayName("nothing in the product deletes a matter, a ledger entry or an audit entry, so no record is purged before its date")
    void nothingPurges() throws IOException {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.trustwatch");
        noClasses().should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a delete method of the matter or ledger repository",
                        call -> (call.getTargetOwner().isAssignableTo(MatterRepository.class)
                                || call.getTargetOwner().isAssignableTo(LedgerRepository.class))
                                && call.getName().startsWith("delete")))
                .check(classes);
        Pattern delete = Pattern.compile("(?i)\\b(DELETE\\s+FROM|TRUNCATE(\\s+TABLE)?|DROP\\s+TABLE)\\s+(matter|ledger_transaction|audit_entry|audit_head)\\b");
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(java|sql)$")).toList()) {
                assertThat(delete.matcher(Files.readString(f)).find()).as("%s deletes trust records", f).isFalse();
            }
        }
    }
}
