package com.trustwatch.rules;

import com.trustwatch.decision.Band;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.Role;
import com.trustwatch.fixtures.MatterFixture;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.trustwatch.decision.ActionType.INTERNAL_ALERT;
import static com.trustwatch.decision.ActionType.REPLENISHMENT_REQUEST;
import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static com.trustwatch.rules.ApprovedTables.BANDS;
import static com.trustwatch.rules.ApprovedTables.TIERS;
import static com.trustwatch.rules.DecisionTableLintTest.builder;
import static com.trustwatch.rules.DecisionTableLintTest.cell;
import static com.trustwatch.rules.DecisionTableLintTest.edit;
import static com.trustwatch.rules.DecisionTableLintTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked edits of docs/decision-tables.md, made to a copy of the workbooks exactly as the guide tells a
 * billing manager to make them, and what they then do to a matter. The copies are written from
 * {@link FixedTables} (the tables as they shipped when the guide was written), so the guide's numbers stay
 * true of its examples when a default value changes.
 */
class TableEditsTest {

    @Test
    @DisplayName("seed 003's variant: with 'Client request' No in I6 and I7, WATCH and WARNING only alert; BREACH still asks the client")
    void clientRequestOnlyFromBreach() {
        byte[] bands = edit(edit(FixedTables.workbook(BANDS), "Severity bands", "I6", "No"), "Severity bands", "I7", "No");
        Ruleset variant = builder().withWorkbook(BANDS, bands).build();

        // 3500 against a 5000 floor: 70%, WARNING
        var warning = evaluate(variant, aMatter().holding("3500.00").withFloor("5000.00").withoutBillingHistory()
                .withOriginalRetainer("10000.00"));
        warning.fired("SB-3").didNotFire("RP-020");
        assertThat(warning.actions(REPLENISHMENT_REQUEST)).as("actions: %s", warning.summary()).isEmpty();
        assertThat(warning.only(INTERNAL_ALERT).to()).containsExactly(Role.ATTORNEY, Role.BILLING_MANAGER);

        // 2000 against a 5000 floor: 40%, BREACH
        var breach = evaluate(variant, aMatter().holding("2000.00").withFloor("5000.00").withoutBillingHistory()
                .withOriginalRetainer("10000.00"));
        assertThat(breach.fired("SB-4", "RP-020").only(REPLENISHMENT_REQUEST).band()).isEqualTo(Band.BREACH);
    }

    @Test
    @DisplayName("moving tier 1 up to 10000 takes two cells, C5 and D6, and the two names; changing only C5 is refused with the gap it leaves and the name it contradicts")
    void moveATierBoundary() {
        byte[] tiers = FixedTables.workbook(TIERS);
        assertThat(refused(TIERS, set(tiers, "Tier by monthly billing", "C5", 10000))).containsExactly(
                "tier-thresholds.xlsx › Tier by monthly billing › B5, C5: the name of TT-1 (B5) states 8000 but "
                        + "'Monthly billing at least' (C5) holds 10000.00; make the name say what the row does, or change the cell",
                "tier-thresholds.xlsx › Tier by monthly billing › D6, C5: monthly billing from $8,000.00 up to $10,000.00 "
                        + "is in no tier: TT-2 (row 6: $3,000.00 up to $8,000.00) ends below $8,000.00 and TT-1 (row 5: $10,000.00 "
                        + "and above) starts at $10,000.00; a matter billing that much gets no tier, so no runway trigger and "
                        + "no reserve. Make TT-2's 'Monthly billing below' (D6) and TT-1's 'Monthly billing at least' (C5) "
                        + "the same, so that one band ends where the next begins.");

        byte[] both = DecisionTableLintTest.change(set(tiers, "Tier by monthly billing", "C5", 10000), book -> {
            cell(book.getSheet("Tier by monthly billing"), "D6").setCellValue(10000);
            cell(book.getSheet("Tier by monthly billing"), "B5").setCellValue("Tier 1 (high activity): 10000 a month or more");
            cell(book.getSheet("Tier by monthly billing"), "B6").setCellValue("Tier 2 (mid activity): 3000 to 10000 a month");
        });
        Ruleset moved = builder().withWorkbook(TIERS, both).build();
        var result = evaluate(moved, aMatter().holding("6000.00").billingMonthly("9000.00").withoutFloor()
                .withOriginalRetainer("10000.00"));
        // 9000 a month is now tier 2: 25 days of 300.00 = 7500.00
        result.fired("TT-2", "TR-2").didNotFire("TT-1", "TR-1");
        assertThat(result.only(REPLENISHMENT_REQUEST).threshold()).isEqualByComparingTo("7500.00");
    }

    @Test
    @DisplayName("adding a row: a real-estate minimum of 1500 without attorney review, typed on row 6 of Practice minimums")
    void addARow() {
        byte[] tiers = DecisionTableLintTest.change(FixedTables.workbook(TIERS), book -> {
            Sheet sheet = book.getSheet("Practice minimums");
            Row template = sheet.getRow(4);
            Row row = sheet.createRow(5);
            for (int c = 0; c < 5; c++) {
                row.createCell(c).setCellStyle(template.getCell(c).getCellStyle());
            }
            cell(sheet, "A6").setCellValue("PM-2");
            cell(sheet, "B6").setCellValue("Real-estate closings keep at least 1500 in trust");
            cell(sheet, "C6").setCellValue("Real estate");
            cell(sheet, "D6").setCellValue(1500);
            cell(sheet, "E6").setCellValue("No");
        });
        Ruleset withRow = builder().withWorkbook(TIERS, tiers).build();
        assertThat(withRow.rule("PM-2")).get().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Real-estate closings keep at least 1500 in trust");
            assertThat(e.sheet()).isEqualTo("Practice minimums");
            assertThat(e.row()).isEqualTo(6);
        });
        var result = evaluate(withRow, aMatter().inPracticeArea("Real Estate").holding("1200.00").withoutFloor()
                .withoutBillingHistory().withOriginalRetainer("2000.00"));
        // candidates: 1500 (PM-2) and 25% of 2000 = 500 (TF-1); no attorney review, so straight to the client
        result.fired("PM-2", "RP-005", "RP-020").didNotFire("RP-021");
        assertThat(result.only(REPLENISHMENT_REQUEST).threshold()).isEqualByComparingTo("1500.00");
    }

    /** {@code workbook} with the number {@code value} in {@code sheet} › {@code ref}. */
    private static byte[] set(byte[] workbook, String sheet, String ref, double value) {
        return DecisionTableLintTest.change(workbook, book -> cell(book.getSheet(sheet), ref).setCellValue(value));
    }

    private static RulesHarness.Result evaluate(Ruleset ruleset, MatterFixture matter) {
        List<MatterFacts> facts = List.of(MatterFacts.of(matter.build(), RulesHarness.AS_OF));
        return new RulesHarness.Result(new RuleEngine().evaluate(ruleset, RulesHarness.AS_OF, facts, List.of(), true));
    }
}
