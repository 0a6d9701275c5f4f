package com.trustwatch.rules.compliance;

import com.trustwatch.rules.RuleEntry;
import com.trustwatch.rules.RulesHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What ethics counsel reads in the catalogue for every compliance rule. */
class ComplianceCatalogueTest {

    private static final Set<String> SEVERITIES = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    private static final Set<String> CONFIDENCES = Set.of("verified", "secondary", "unverified", "policy");

    // The catalogue names a rule's file as it sits in the repository (rules/compliance/us-ca.drl).
    private static final List<String> PACK_FOLDERS = List.of("rules/compliance/");

    private static List<RuleEntry> complianceRules() {
        return RulesHarness.shippedRuleset().catalogue().stream().filter(e -> packFile(e) != null).toList();
    }

    /** "us-ca.drl" for a rule of rules/compliance/us-ca.drl; null for any other rule. */
    private static String packFile(RuleEntry e) {
        return e.source() == null ? null : PACK_FOLDERS.stream().filter(e.source()::startsWith)
                .map(folder -> e.source().substring(folder.length())).findFirst().orElse(null);
    }

    @Test
    @DisplayName("every pack has rules or obligation rows: Massachusetts and New Jersey state theirs as rows only")
    void everyPackHasRules() {
        assertThat(complianceRules().stream().map(ComplianceCatalogueTest::packFile).distinct())
                .containsExactlyInAnyOrder("common.drl", "aba.drl", "us-ca.drl", "us-ny.drl", "us-tx.drl",
                        "us-fl.drl", "us-il.drl", "us-wa.drl", "uncleared-funds.drl");
        assertThat(RulesHarness.shippedRuleset().packs()).allSatisfy(p ->
                assertThat(p.rules() + p.rows()).as("rules and rows of %s", p.pack()).isPositive());
    }

    @Test
    @DisplayName("the catalogue names each compliance rule's file by its path in the repository")
    void sourceIsTheRepositoryPath() {
        assertThat(complianceRules()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.source()).as("source of %s", e.id()).startsWith("rules/compliance/"));
    }

    @Test
    @DisplayName("every compliance rule has an id, a name, a citation with its source (or a firm policy, or its jurisdictions' rows), a severity, a confidence, a jurisdiction and a code")
    void everyRuleHasItsMetadata() {
        assertThat(complianceRules()).isNotEmpty().allSatisfy(e -> {
            String where = e.id() + " in " + e.source();
            assertThat(e.id()).as("id of %s", where).isNotBlank().matches("[A-Z]{2,3}-[0-9]{3}");
            assertThat(e.name()).as("name of %s", where).isNotBlank();
            if (e.policy() != null) {
                assertThat(e.citation()).as("a policy item cites no rule: %s", where).isNull();
                assertThat(e.confidence()).as("@confidence of %s", where).isEqualTo("policy");
            } else if (e.table() != null) {
                assertThat(e.citation()).as("%s takes its citation from the rows", where).isNull();
                assertThat(RulesHarness.shippedRuleset().obligations().all())
                        .as("rows that %s reads", where).anyMatch(o -> o.kind().label().equals(e.table()));
            } else {
                assertThat(e.citation()).as("@citation of %s", where).isNotBlank();
                assertThat(e.sourceUrl()).as("@source of %s", where).isNotBlank().startsWith("http");
                assertThat(e.confidence()).as("@confidence of %s", where).isIn(CONFIDENCES).isNotEqualTo("policy");
            }
            if (e.table() == null || e.severity() != null) {
                assertThat(e.severity()).as("@severity of %s", where).isIn(SEVERITIES);
            }
            assertThat(e.jurisdiction()).as("@jurisdiction of %s", where).isNotBlank();
            assertThat(e.code()).as("@code of %s", where).isNotBlank().matches("[A-Z_]+");
        });
    }

    @Test
    @DisplayName("every jurisdiction pack states its negative-ledger citation, reconciliation, notice on receipt and record retention, each with a source and a confidence")
    void everyPackStatesItsObligations() {
        var rows = RulesHarness.shippedRuleset().obligations().all();
        for (String j : List.of("ABA", "US-CA", "US-FL", "US-IL", "US-MA", "US-NJ", "US-NY", "US-TX", "US-WA")) {
            assertThat(rows.stream().filter(o -> o.jurisdiction().equals(j)).map(o -> o.kind().label()).distinct())
                    .as("obligations of %s", j)
                    .containsExactlyInAnyOrder("negative-ledger", "reconciliation", "receipt-notice", "record-retention");
        }
        assertThat(rows).allSatisfy(o -> {
            assertThat(o.source()).as("source of %s:%d", o.file(), o.line()).startsWith("http");
            assertThat(o.confidence()).as("confidence of %s:%d", o.file(), o.line()).isIn("verified", "secondary", "unverified");
        });
    }

    @Test
    @DisplayName("rule ids are unique, and each pack's ids and jurisdiction match its file")
    void idsAndJurisdictionsMatchTheFile() {
        assertThat(complianceRules().stream().map(RuleEntry::id)).doesNotHaveDuplicates();
        assertThat(complianceRules()).allSatisfy(e -> {
            String file = packFile(e).replace(".drl", "");
            if (file.equals("uncleared-funds")) {
                // one concern across jurisdictions: each rule names the jurisdiction whose rule it cites, or ALL
                assertThat(e.jurisdiction()).as("@jurisdiction of %s", e.id()).isIn("US-NY", "US-FL", "US-NJ", "ALL");
                assertThat(e.id()).as("id of a rule in %s", e.source()).startsWith("UF-");
                return;
            }
            String jurisdiction = switch (file) {
                case "common" -> "ALL";
                case "aba" -> "ABA";
                default -> file.toUpperCase(Locale.ROOT);
            };
            String prefix = switch (file) {
                case "common" -> "CM-";
                case "aba" -> "ABA-";
                default -> file.substring(3).toUpperCase(Locale.ROOT) + "-";
            };
            assertThat(e.jurisdiction()).as("@jurisdiction of %s in %s", e.id(), e.source()).isEqualTo(jurisdiction);
            assertThat(e.id()).as("id of a rule in %s", e.source()).startsWith(prefix);
        });
    }

    @Test
    @DisplayName("data-quality rules are LOW and say which value is unknown")
    void dataQualityRules() {
        assertThat(complianceRules()).filteredOn(e -> e.code().startsWith("DATA_QUALITY_")).isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.severity()).as("%s", e.id()).isEqualTo("LOW");
                    assertThat(e.code()).as("%s", e.id()).endsWith("_UNKNOWN");
                });
    }
}
