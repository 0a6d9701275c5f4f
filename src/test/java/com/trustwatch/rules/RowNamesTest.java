package com.trustwatch.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.trustwatch.rules.ApprovedTables.BANDS;
import static com.trustwatch.rules.ApprovedTables.LADDER;
import static com.trustwatch.rules.ApprovedTables.TIERS;
import static com.trustwatch.rules.DecisionTableLintTest.edit;
import static com.trustwatch.rules.DecisionTableLintTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** A row's name cannot contradict its cells: a number it states must be one its row holds. */
class RowNamesTest {

    @Test
    @DisplayName("Tier reserves!D6 changed from 25 to 21 under the name 'Tier 2: request under 25 days…' is refused, naming B6 and D6")
    void changedDaysUnderAnOldName() {
        assertThat(refused(TIERS, edit(TIERS, "Tier reserves", "D6", 21))).containsExactly(
                "tier-thresholds.xlsx › Tier reserves › B6, D6: the name of TR-2 (B6) states 25 but 'Request when runway is "
                        + "under (days)' (D6) holds 21; make the name say what the row does, or change the cell");
    }

    @Test
    @DisplayName("the same change with the name made true is accepted, and the catalogue shows the new name")
    void changedDaysAndName() {
        byte[] wb = edit(edit(TIERS, "Tier reserves", "D6", 21), "Tier reserves", "B6",
                "Tier 2: request under 21 days of runway and refill to a 45-day reserve");
        Ruleset built = new RulesetBuilder(Path.of("rules"), Path.of("decision-tables")).withWorkbook(TIERS, wb).build();
        assertThat(built.rule("TR-2")).get().extracting(RuleEntry::name)
                .isEqualTo("Tier 2: request under 21 days of runway and refill to a 45-day reserve");
    }

    @Test
    @DisplayName("a band's width stated in its name ('within 10% above the threshold') must match its bounds: 100% to 120% is refused")
    void bandWidth() {
        assertThat(refused(BANDS, edit(BANDS, "Severity bands", "D5", "120%"))).contains(
                "severity-bands.xlsx › Severity bands › B5: the name of SB-1 states 10%, which none of the row's cells holds "
                        + "('Balance at least (share of threshold)' C5 holds 100%, 'Balance below (share of threshold)' D5 "
                        + "holds 120%); make the name say what the row does");
    }

    @Test
    @DisplayName("a ladder step named 'day 5' that goes out on day 6, and a tier named 'Tier 2' that gives TIER_3")
    void ladderDayAndTier() {
        assertThat(refused(LADDER, edit(LADDER, "Escalation ladder", "D5", 6))).contains(
                "escalation-ladder.xlsx › Escalation ladder › B5, D5: the name of EL-1 (B5) states 5 but 'Business days "
                        + "after the first request' (D5) holds 6; make the name say what the row does, or change the cell");
        assertThat(refused(TIERS, edit(TIERS, "Tier reserves", "C6", "TIER_3"))).contains(
                "tier-thresholds.xlsx › Tier reserves › B6, C6: the name of TR-2 (B6) states 2 but 'Client tier' (C6) "
                        + "holds TIER_3; make the name say what the row does, or change the cell");
    }

    @Test
    @DisplayName("the shipped names state only numbers their rows hold")
    void shippedNamesAreTrue() {
        assertThat(new RulesetBuilder(Path.of("rules"), Path.of("decision-tables")).lint().tables()).isNotEmpty();
    }
}
