package com.trustwatch.rules;

import com.trustwatch.decision.ActionType;
import com.trustwatch.matter.ImportRoster;
import com.trustwatch.matter.Matter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.trustwatch.rules.ApprovedTables.BANDS;
import static com.trustwatch.rules.ApprovedTables.TIERS;
import static com.trustwatch.rules.DecisionTableLintTest.assertSameRulesAsShipped;
import static com.trustwatch.rules.DecisionTableLintTest.cell;
import static com.trustwatch.rules.DecisionTableLintTest.edit;
import static com.trustwatch.rules.DecisionTableLintTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cell means what the billing manager sees. A number format whose % sign is literal text
 * ({@code 0"%"}, {@code 0\%}) is not a percentage format, and wherever the text a cell shows and the
 * number it holds mean different things, the cell is refused with both. Workbooks are written by the
 * tests (Apache POI); the case file is the one a billing manager produced.
 */
class CellsAsShownTest {

    private static final String FALLBACK = "tier-thresholds.xlsx › Fallback threshold › C5 (Share of original retainer): ";

    @Test
    @DisplayName("the case file: 'Fallback threshold'!C5 shows 25% but holds 25 through the format 0\"%\", and is refused with both, not read as 2500%")
    void caseFileIsRefused() throws IOException {
        byte[] wb = Files.readAllBytes(Path.of("src/test/resources/decision-tables/cases/case10-tier-thresholds-literal-percent.xlsx"));
        assertThat(refused(TIERS, wb)).containsExactly(FALLBACK + "shows '25%' but holds the number 25: its number format "
                + "0\"%\" writes the % sign as text, so the cell is not a percentage and holds 25. Type 25% into the cell, "
                + "or format it as Percentage");
    }

    @Test
    @DisplayName("the probe roster's P-0001 (no floor, no billing, 8,000 retainer, 1,900 in trust) is asked for 6,100.00 under the shipped 25%, never 198,100.00")
    void probeMatterUnderTheShippedTable() throws IOException {
        List<Matter> book;
        try (var in = new InputStreamReader(Files.newInputStream(
                Path.of("src/test/resources/decision-tables/cases/case10-probe-roster.csv")), StandardCharsets.UTF_8)) {
            book = new ImportRoster(null, null, null).parse(in);
        }
        var result = RulesHarness.evaluate(RulesHarness.AS_OF, List.of(),
                book.stream().filter(m -> m.matterNumber().equals("P-0001")).toList());
        assertThat(result.actions()).filteredOn(a -> a.type() == ActionType.REPLENISHMENT_REQUEST).singleElement()
                .satisfies(a -> {
                    assertThat(a.threshold()).isEqualByComparingTo("2000.00");
                    assertThat(a.amount()).isEqualByComparingTo("6100.00");
                });
    }

    @Test
    @DisplayName("25 with the format 0\\%, 0\"%\" or 0.00\"%\" (the % sign as text) is refused, showing what the cell shows and holds")
    void literalPercentFormats() {
        assertThat(refused(TIERS, fallback(25, "0\\%"))).containsExactly(FALLBACK + "shows '25%' but holds the number 25: its "
                + "number format 0\\% writes the % sign as text, so the cell is not a percentage and holds 25. Type 25% "
                + "into the cell, or format it as Percentage");
        assertThat(refused(TIERS, fallback(25, "0.00\"%\""))).singleElement().asString()
                .startsWith(FALLBACK + "shows '25.00%' but holds the number 25: its number format 0.00\"%\" writes the % sign as text");
        // 0.25 in a literal-% format shows 0%: it holds 25%, which is not what it shows
        assertThat(refused(TIERS, fallback(0.25, "0\"%\""))).singleElement().asString()
                .startsWith(FALLBACK + "shows '0%' but holds the number 0.25: its number format 0\"%\" writes the % sign as "
                        + "text, so the cell is not a percentage and holds 0.25 (read as 25%)");
    }

    @Test
    @DisplayName("a real percentage format is read as before: 0.25 shown as 25% (0%) or 25.00% (0.00%)")
    void realPercentFormats() {
        assertSameRulesAsShipped(TIERS, fallback(0.25, "0%"));
        assertSameRulesAsShipped(TIERS, fallback(0.25, "0.00%"));
    }

    @Test
    @DisplayName("a percentage rounded for display: 0.899 shown as 90% is refused, since the rules would use 89.9%")
    void roundedPercentage() {
        byte[] wb = edit(BANDS, "Severity bands", sheet -> style(cell(sheet, "C6"), 0.899, "0%"));
        assertThat(refused(BANDS, wb)).containsExactly("severity-bands.xlsx › Severity bands › C6 (Balance at least (share of "
                + "threshold)): shows '90%' but holds the number 0.899, which is 89.9% and not 90% (its number format 0% "
                + "shows it otherwise); type the value the rules should use");
    }

    @Test
    @DisplayName("a dollar amount in a date-formatted cell is refused with the date it shows and the number it holds")
    void moneyInADateCell() {
        byte[] wb = edit(BANDS, "Emergency queue", sheet -> style(cell(sheet, "C5"), 500, "m/d/yyyy"));
        assertThat(refused(BANDS, wb)).containsExactly("severity-bands.xlsx › Emergency queue › C5 (Balance below): shows "
                + "'5/14/1901' (the cell is formatted as a date or time) but holds the number 500; format the cell as a "
                + "number and check the value");
    }

    @Test
    @DisplayName("an amount shown in thousands (#,##0,) and a value hidden by the format ;;; are refused; $#,##0.00 and 0\" days\" are read as shown")
    void otherFormats() {
        byte[] thousands = edit(TIERS, "Tier by monthly billing", sheet -> style(cell(sheet, "C5"), 8_000_000, "#,##0,"));
        assertThat(refused(TIERS, thousands)).contains("tier-thresholds.xlsx › Tier by monthly billing › C5 (Monthly "
                + "billing at least): shows '8,000' but holds the number 8000000, which is 8000000.00 and not 8000.00 (its "
                + "number format #,##0, shows it otherwise); type the value the rules should use");
        byte[] hidden = edit(TIERS, "Tier reserves", sheet -> style(cell(sheet, "D5"), 30, ";;;"));
        assertThat(refused(TIERS, hidden)).containsExactly("tier-thresholds.xlsx › Tier reserves › D5 (Request when runway "
                + "is under (days)): holds 30 but shows nothing (its number format ;;; hides the value); give the cell a "
                + "format that shows it");
        byte[] dollars = edit(TIERS, "Tier by monthly billing", sheet -> style(cell(sheet, "C5"), 8000, "\"$\"#,##0.00"));
        assertSameRulesAsShipped(TIERS, editBytes(dollars, "Tier reserves", sheet -> style(cell(sheet, "D5"), 30, "0\" days\"")));
    }

    private static byte[] fallback(double value, String format) {
        return edit(TIERS, "Fallback threshold", sheet -> style(cell(sheet, "C5"), value, format));
    }

    private static byte[] editBytes(byte[] wb, String sheet, java.util.function.Consumer<Sheet> change) {
        return DecisionTableLintTest.change(wb, book -> change.accept(book.getSheet(sheet)));
    }

    private static void style(Cell cell, double value, String format) {
        CellStyle s = cell.getSheet().getWorkbook().createCellStyle();
        s.setDataFormat(cell.getSheet().getWorkbook().createDataFormat().getFormat(format));
        cell.setCellStyle(s);
        cell.setCellValue(value);
    }
}
