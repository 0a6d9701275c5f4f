package com.trustwatch.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.trustwatch.rules.ApprovedTables.TIERS;
import static com.trustwatch.rules.DecisionTableLintTest.edit;
import static com.trustwatch.rules.DecisionTableLintTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gaps and overlaps that no single cell shows: monthly-billing bands must put every matter in exactly one
 * tier, severity bands must put every balance below the threshold in exactly one band, each tier needs
 * exactly one reserve row. Most cases edit the rows directly; the first goes through a workbook. The cases
 * edit {@link FixedTables} (the tables as they shipped when the cases were written), so the neighbouring
 * rows their messages name do not move when a default value changes; the shipped tables are checked clean.
 */
class TableChecksTest {

    @Test
    @DisplayName("a billing manager who makes tier 2 end at 9000 while tier 1 starts at 8000 is told both rows and cells")
    void overlappingTiersThroughAWorkbook() {
        assertThat(refused(TIERS, edit(FixedTables.workbook(TIERS), "Tier by monthly billing", "D6", "9000"))).containsExactly(
                "tier-thresholds.xlsx › Tier by monthly billing › B6, D6: the name of TT-2 (B6) states 8000 but "
                        + "'Monthly billing below' (D6) holds 9000.00; make the name say what the row does, or change the cell",
                "tier-thresholds.xlsx › Tier by monthly billing › C5, D6: the tiers of TT-2 (row 6: $3,000.00 up to $9,000.00) "
                        + "and TT-1 (row 5: $8,000.00 and above) overlap: monthly billing from $8,000.00 up to $9,000.00 is in both; "
                        + "a matter billing that much would be in two tiers at once. Make TT-2's 'Monthly billing below' (D6) "
                        + "and TT-1's 'Monthly billing at least' (C5) the same, so that one band ends where the next begins.");
    }

    @Test
    @DisplayName("the shipped tables have no gap, no overlap and one reserve per tier")
    void shippedTablesAreClean() throws IOException {
        assertThat(TableChecks.check(shipped())).isEmpty();
    }

    @Test
    @DisplayName("every sheet the checks look at is an approved sheet (a renamed sheet would silently skip its check)")
    void checkedSheetsExist() {
        assertThat(ApprovedTables.ALL.stream().map(TableTemplate::sheet).toList()).contains(TableChecks.TIER_BY_BILLING,
                TableChecks.TIER_RESERVES, TableChecks.PRACTICE_MINIMUMS, TableChecks.SEVERITY_BANDS);
    }

    // ---- tiers ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("tier 2 ending at 7000 while tier 1 starts at 8000 leaves 7000 to 8000 in no tier")
    void gapBetweenTiers() throws IOException {
        assertThat(TableChecks.check(set(fixed(), "Tier by monthly billing", "TT-2", "below", "7000.00")))
                .containsExactly("tier-thresholds.xlsx › Tier by monthly billing › D6, C5: monthly billing from $7,000.00 "
                        + "up to $8,000.00 is in no tier: TT-2 (row 6: $3,000.00 up to $7,000.00) ends below $7,000.00 and TT-1 "
                        + "(row 5: $8,000.00 and above) starts at $8,000.00; a matter billing that much gets no tier, so no "
                        + "runway trigger and no reserve. Make TT-2's 'Monthly billing below' (D6) and TT-1's 'Monthly "
                        + "billing at least' (C5) the same, so that one band ends where the next begins.");
    }

    @Test
    @DisplayName("a lowest tier that starts above 0 leaves small matters in no tier")
    void gapAtTheBottom() throws IOException {
        assertThat(TableChecks.check(set(fixed(), "Tier by monthly billing", "TT-3", "atLeast", "500.00")))
                .containsExactly("tier-thresholds.xlsx › Tier by monthly billing › C7: monthly billing from $0.00 up to "
                        + "$500.00 is in no tier: the lowest tier is TT-3 (row 7: $500.00 up to $3,000.00); a matter billing "
                        + "that much gets no tier, so no runway trigger and no reserve. Leave TT-3's 'Monthly billing at "
                        + "least' (C7) empty, or add a row for $0.00 up to $500.00.");
    }

    @Test
    @DisplayName("a highest tier with an upper bound leaves the biggest matters in no tier")
    void gapAtTheTop() throws IOException {
        assertThat(TableChecks.check(set(fixed(), "Tier by monthly billing", "TT-1", "below", "50000.00")))
                .containsExactly("tier-thresholds.xlsx › Tier by monthly billing › D5: monthly billing of $50,000.00 and "
                        + "above is in no tier: the highest tier is TT-1 (row 5: $8,000.00 up to $50,000.00); a matter billing "
                        + "that much gets no tier, so no runway trigger and no reserve. Leave TT-1's 'Monthly billing below' "
                        + "(D5) empty, or add a row for $50,000.00 and above.");
    }

    @Test
    @DisplayName("a single tier that ends at 0 covers no monthly billing at all")
    void noTierCoversAnything() throws IOException {
        var tables = set(remove(remove(fixed(), "Tier by monthly billing", "TT-1"), "Tier by monthly billing", "TT-2"),
                "Tier by monthly billing", "TT-3", "below", "0.00");
        assertThat(TableChecks.check(tables)).containsExactly("tier-thresholds.xlsx › Tier by monthly billing: monthly "
                + "billing of $0.00 and above is in no tier (no row applies); a matter billing that much gets no tier, so "
                + "no runway trigger and no reserve. Add a row for it.");
    }

    @Test
    @DisplayName("a band whose lower bound is not below its upper bound holds nothing")
    void emptyBand() throws IOException {
        var tables = set(set(fixed(), "Tier by monthly billing", "TT-2", "atLeast", "8000.00"),
                "Tier by monthly billing", "TT-3", "below", "8000.00");
        assertThat(TableChecks.check(set(tables, "Tier by monthly billing", "TT-2", "below", "3000.00"))).contains(
                "tier-thresholds.xlsx › Tier by monthly billing › C6, D6: TT-2 (row 6) starts at $8,000.00 but ends below "
                        + "$3,000.00, so no value is in it; the lower bound must be less than the upper bound");
    }

    @Test
    @DisplayName("every tier has exactly one reserve row")
    void oneReservePerTier() throws IOException {
        assertThat(TableChecks.check(set(fixed(), "Tier reserves", "TR-3", "tier", "TIER_2"))).containsExactly(
                "tier-thresholds.xlsx › Tier reserves › C7: TIER_2 already has a row, TR-2 (row 6); with two rows TR-3 "
                        + "and TR-2 would both apply to the same matter. Keep one row per 'Client tier'.",
                "tier-thresholds.xlsx › Tier reserves › no row for TIER_3: a matter in TIER_3 would have no runway "
                        + "trigger and no reserve. Add a row with 'Client tier' TIER_3.");
    }

    @Test
    @DisplayName("a practice area has one minimum")
    void onePracticeMinimumPerArea() throws IOException {
        var tables = add(fixed(), "Practice minimums", "PM-2", 6, Map.of("practiceArea", "LITIGATION",
                "minimum", "5000.00", "attorneyReview", "false"));
        assertThat(TableChecks.check(tables)).containsExactly(
                "tier-thresholds.xlsx › Practice minimums › C6: LITIGATION already has a row, PM-1 (row 5); with two rows "
                        + "PM-2 and PM-1 would both apply to the same matter. Keep one row per 'Practice area'.");
    }

    // ---- severity bands --------------------------------------------------------------------------------

    @Test
    @DisplayName("a warning band starting at 40% overlaps the breach band below 50%")
    void overlappingBands() throws IOException {
        assertThat(TableChecks.check(set(fixed(), "Severity bands", "SB-3", "atLeast", "0.4"))).containsExactly(
                "severity-bands.xlsx › Severity bands › C7, D8: the bands of SB-4 (row 8: below 50%) and SB-3 "
                        + "(row 7: 40% up to 90%) overlap: for a balance above zero, a share of the threshold from 40% up "
                        + "to 50% is in both; such a matter would be in two bands at once, and get two requests and two "
                        + "sets of alerts. Make SB-4's 'Balance below (share of threshold)' (D8) and SB-3's 'Balance at least "
                        + "(share of threshold)' (C7) the same, so that one band ends where the next begins.");
    }

    @Test
    @DisplayName("a warning band starting at 60% leaves balances at 50% to 60% of the threshold with no request")
    void gapBetweenBands() throws IOException {
        assertThat(TableChecks.check(set(fixed(), "Severity bands", "SB-3", "atLeast", "0.6"))).containsExactly(
                "severity-bands.xlsx › Severity bands › D8, C7: for a balance above zero, a share of the threshold from "
                        + "50% up to 60% is in no band: SB-4 (row 8: below 50%) ends below 50% and SB-3 (row 7: 60% up to "
                        + "90%) starts at 60%; such a matter is below its threshold but gets no band, so no client request "
                        + "and no alert. Make SB-4's 'Balance below (share of threshold)' (D8) and SB-3's 'Balance at least "
                        + "(share of threshold)' (C7) the same, so that one band ends where the next begins.");
    }

    @Test
    @DisplayName("above the threshold a gap is fine: a balance above every band is simply healthy")
    void gapAboveTheThresholdIsFine() throws IOException {
        var tables = set(set(fixed(), "Severity bands", "SB-1", "atLeast", "1.05"), "Severity bands", "SB-1",
                "below", "1.2");
        assertThat(TableChecks.check(tables)).isEmpty();
    }

    @Test
    @DisplayName("a band that only applies to billing matters leaves the others uncovered, and says so")
    void gapForOneKindOfMatter() throws IOException {
        assertThat(TableChecks.check(set(fixed(), "Severity bands", "SB-4", "billing", "true"))).containsExactly(
                "severity-bands.xlsx › Severity bands › C7: for a balance above zero on a matter that is not billing, "
                        + "a share of the threshold from 0% up to 50% is in no band: the lowest band is SB-3 (row 7: 50% up "
                        + "to 90%); such a matter is below its threshold but gets no band, so no client request and no "
                        + "alert. Leave SB-3's 'Balance at least (share of threshold)' (C7) empty, or add a row for 0% up "
                        + "to 50%.");
    }

    @Test
    @DisplayName("without the not-billing breach row, a used-up retainer on a matter that is not billing is in no band")
    void depletedNotBillingUncovered() throws IOException {
        assertThat(TableChecks.check(remove(fixed(), "Severity bands", "SB-5"))).containsExactly(
                "severity-bands.xlsx › Severity bands: no band covers a balance at or below zero on a matter that is not "
                        + "billing (no row applies to it); such a matter gets no band, so no client request and no alert. "
                        + "Add a row with 'Balance at or below zero' Yes and 'Actively billing' No and empty share columns.");
    }

    @Test
    @DisplayName("a depleted row for any matter overlaps the depleted row for billing matters")
    void depletedOverlap() throws IOException {
        assertThat(TableChecks.check(set(fixed(), "Severity bands", "SB-5", "billing", null))).containsExactly(
                "severity-bands.xlsx › Severity bands › rows 9 and 10: SB-5 and SB-6 both apply to a balance at or "
                        + "below zero on a matter that is actively billing; such a matter would be in two bands at once, "
                        + "and get two requests and two sets of alerts. Change 'Balance at or below zero' or 'Actively "
                        + "billing' so that only one of them applies.");
    }

    @Test
    @DisplayName("a row that can never apply is refused: depleted balances are never 50% of the threshold")
    void unreachableRow() throws IOException {
        var tables = set(fixed(), "Severity bands", "SB-5", "atLeast", "0.5");
        assertThat(TableChecks.check(tables)).contains(
                "severity-bands.xlsx › Severity bands › E9: SB-5 (row 9) can never apply: a balance at or below zero is "
                        + "never 50% and above of the threshold. Change 'Balance at or below zero' or the share columns.");
    }

    @Test
    @DisplayName("the seed-003 variant (client request only from BREACH) changes no band, so it passes")
    void seed003Variant() throws IOException {
        var tables = set(set(fixed(), "Severity bands", "SB-2", "clientRequest", "false"), "Severity bands", "SB-3",
                "clientRequest", "false");
        assertThat(TableChecks.check(tables)).isEmpty();
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** The tables the cases edit: see {@link FixedTables}. */
    static Map<TableTemplate, List<TableRow>> fixed() {
        return FixedTables.rows();
    }

    static Map<TableTemplate, List<TableRow>> shipped() throws IOException {
        Map<TableTemplate, List<TableRow>> rows = new LinkedHashMap<>();
        DecisionTableReader reader = new DecisionTableReader();
        for (String workbook : ApprovedTables.ALL.stream().map(TableTemplate::workbook).distinct().toList()) {
            rows.putAll(reader.read(workbook, Files.readAllBytes(DecisionTableLintTest.TABLES.resolve(workbook)),
                    ApprovedTables.ALL.stream().filter(t -> t.workbook().equals(workbook)).toList()));
        }
        return rows;
    }

    private static TableTemplate sheet(Map<TableTemplate, List<TableRow>> tables, String sheet) {
        return tables.keySet().stream().filter(t -> t.sheet().equals(sheet)).findFirst().orElseThrow();
    }

    /** A copy of {@code tables} with one cell of row {@code id} changed ({@code null}: emptied). */
    static Map<TableTemplate, List<TableRow>> set(Map<TableTemplate, List<TableRow>> tables, String sheet, String id,
                                                 String key, String value) {
        Map<TableTemplate, List<TableRow>> copy = new LinkedHashMap<>(tables);
        TableTemplate t = sheet(tables, sheet);
        List<TableRow> rows = new ArrayList<>();
        for (TableRow row : tables.get(t)) {
            if (row.id().equals(id)) {
                Map<String, String> values = new HashMap<>(row.values());
                values.put(key, value);
                row = new TableRow(row.sheetRow(), values);
            }
            rows.add(row);
        }
        copy.put(t, rows);
        return copy;
    }

    static Map<TableTemplate, List<TableRow>> remove(Map<TableTemplate, List<TableRow>> tables, String sheet, String id) {
        Map<TableTemplate, List<TableRow>> copy = new LinkedHashMap<>(tables);
        TableTemplate t = sheet(tables, sheet);
        copy.put(t, tables.get(t).stream().filter(r -> !r.id().equals(id)).toList());
        return copy;
    }

    static Map<TableTemplate, List<TableRow>> add(Map<TableTemplate, List<TableRow>> tables, String sheet, String id,
                                                 int sheetRow, Map<String, String> values) {
        Map<TableTemplate, List<TableRow>> copy = new LinkedHashMap<>(tables);
        TableTemplate t = sheet(tables, sheet);
        Map<String, String> all = new HashMap<>(values);
        all.put("id", id);
        all.put("name", "added by the test");
        List<TableRow> rows = new ArrayList<>(tables.get(t));
        rows.add(new TableRow(sheetRow, all));
        copy.put(t, rows);
        return copy;
    }
}
