package com.trustwatch.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueMarkdownTest {

    private static RuleEntry packRule(String id, String citation, String note) {
        return new RuleEntry(id, "A rule named " + id, "drl rule", citation, "HIGH", "verified", "US-CA", "SOME_CODE",
                "rules/compliance/us-ca.drl", "https://www.courts.ca.gov/rule-1.15", null, null, null, null, note);
    }

    @Test
    @DisplayName("a compliance pack is one table with code, severity, confidence, citation and note; unknown values stay empty")
    void packTable() {
        String md = CatalogueMarkdown.render(List.of(packRule("CA-002", "Cal. RPC 1.15(b)", null),
                packRule("CA-001", "Cal. RPC 1.15(e)", "31 days is a product default")));
        assertThat(md).contains("### US-CA — `rules/compliance/us-ca.drl` (2 rules)")
                .contains("| Id | Rule | Code | Severity | Confidence | Citation | Source | Note |")
                .contains("| CA-001 | A rule named CA-001 | SOME_CODE | HIGH | verified | Cal. RPC 1.15(e) | "
                        + "[courts.ca.gov](https://www.courts.ca.gov/rule-1.15) | 31 days is a product default |")
                .contains("| CA-002 | A rule named CA-002 | SOME_CODE | HIGH | verified | Cal. RPC 1.15(b) | "
                        + "[courts.ca.gov](https://www.courts.ca.gov/rule-1.15) |  |");
        assertThat(md.indexOf("| CA-001 ")).isLessThan(md.indexOf("| CA-002 "));
    }

    @Test
    @DisplayName("a pipe or a line break in a value cannot break the table")
    void cellsAreEscaped() {
        String md = CatalogueMarkdown.render(List.of(packRule("CA-001", "R. 1 | R. 2", "first line\nsecond line")));
        assertThat(md).contains("| R. 1 \\| R. 2 | [courts.ca.gov](https://www.courts.ca.gov/rule-1.15) | first line second line |");
    }

    @Test
    @DisplayName("decision-table rows are listed by workbook and sheet in row order; plain DRL rules get their own section")
    void tablesAndOtherRules() {
        String md = CatalogueMarkdown.render(List.of(
                new RuleEntry("SB-2", "Second band", "decision-table row", null, null, null, null, null,
                        "decision-tables/severity-bands.xlsx", null, null, null, "Severity bands", 6, null),
                new RuleEntry("SB-1", "First band", "decision-table row", null, null, null, null, null,
                        "decision-tables/severity-bands.xlsx", null, null, null, "Severity bands", 5, null),
                new RuleEntry("RP-010", "A replenishment rule", "drl rule", null, null, null, null, null,
                        "rules/replenishment.drl", null, null, null, null, null, null)));
        assertThat(md).contains("### `decision-tables/severity-bands.xlsx` › Severity bands (2 rules)")
                .contains("| SB-1 | 5 | First band |")
                .contains("## Other DRL rules\n\n### `rules/replenishment.drl` (1 rule)")
                .contains("| RP-010 | A replenishment rule |");
        assertThat(md.indexOf("| SB-1 ")).isLessThan(md.indexOf("| SB-2 "));
        assertThat(md.indexOf("## Compliance packs")).isLessThan(md.indexOf("## Decision tables"));
        assertThat(md.indexOf("## Decision tables")).isLessThan(md.indexOf("## Other DRL rules"));
    }
}
