package com.trustwatch.rules;

import com.trustwatch.fixtures.DefaultTables;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import static com.trustwatch.rules.ApprovedTables.BANDS;
import static com.trustwatch.rules.ApprovedTables.TIERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the spreadsheet linter refuses, and what it accepts and normalises. Each case edits a copy of a
 * shipped workbook in memory (Apache POI, as Excel or LibreOffice would have saved it) and builds the
 * whole ruleset with it, the way a preview or a deployment does.
 */
class DecisionTableLintTest {

    static final Path RULES = Path.of("rules");
    static final Path TABLES = Path.of("decision-tables");
    static final Path LIBREOFFICE = DefaultWorkbooks.MIRRORS.resolve("libreoffice");

    // Sheet layout of the shipped workbooks: title, instructions, blank, header on row 4, data from row 5.

    @Nested
    @DisplayName("a cell that does not hold its column's type is refused, naming workbook › sheet › cell")
    class TypedCells {

        @Test
        @DisplayName("the text 'thirty' in a days column")
        void textInADaysColumn() {
            assertThat(refused(TIERS, edit(TIERS, "Tier reserves", "D5", "thirty"))).containsExactly(
                    "tier-thresholds.xlsx › Tier reserves › D5 (Request when runway is under (days)): "
                            + "'thirty' is not a whole number");
        }

        @Test
        @DisplayName("'30d' in a days column (a Java number parser would have taken it)")
        void suffixedNumberInADaysColumn() {
            assertThat(refused(TIERS, edit(TIERS, "Tier reserves", "D5", "30d"))).containsExactly(
                    "tier-thresholds.xlsx › Tier reserves › D5 (Request when runway is under (days)): "
                            + "'30d' is not a whole number");
        }

        @Test
        @DisplayName("a fraction of a day")
        void fractionOfADay() {
            assertThat(refused(TIERS, edit(TIERS, "Tier reserves", "E6", 45.5))).containsExactly(
                    "tier-thresholds.xlsx › Tier reserves › E6 (Refill to a reserve of (days)): "
                            + "shows '46' but holds the number 45.5 (45.5 is not a whole number of 0 or more)");
        }

        @Test
        @DisplayName("a plain 90 in a percent column is ambiguous (90% or 9000%?)")
        void plainNinetyInAPercentColumn() {
            byte[] wb = edit(BANDS, "Severity bands", sheet -> {
                Cell cell = cell(sheet, "C6");
                cell.setCellValue(90);
                cell.setCellStyle(sheet.getWorkbook().createCellStyle()); // General, as typed into a fresh cell
            });
            assertThat(refused(BANDS, wb)).containsExactly(
                    "severity-bands.xlsx › Severity bands › C6 (Balance at least (share of threshold)): "
                            + "90 is ambiguous: type 90% for a percentage, or a fraction such as 0.9");
        }

        @Test
        @DisplayName("a negative amount of money")
        void negativeMoney() {
            assertThat(refused(BANDS, edit(BANDS, "Emergency queue", "C5", -500))).containsExactly(
                    "severity-bands.xlsx › Emergency queue › C5 (Balance below): -500 is negative; enter 0 or more");
        }

        @Test
        @DisplayName("a yes/no column holding something else")
        void notYesOrNo() {
            assertThat(refused(BANDS, edit(BANDS, "Severity bands", "I7", "maybe"))).containsExactly(
                    "severity-bands.xlsx › Severity bands › I7 (Client request): 'maybe' is not Yes or No");
        }

        @Test
        @DisplayName("an unknown person to notify")
        void unknownRole() {
            assertThat(refused(BANDS, edit(BANDS, "Emergency queue", "D5", "billing manager, office cat")))
                    .containsExactly("severity-bands.xlsx › Emergency queue › D5 (Notify): 'office cat' is not one of: "
                            + "billing contact, attorney, billing manager, bookkeeper, practice group leader, managing partner");
        }

        @Test
        @DisplayName("a formula, even one that gives the right number")
        void formula() {
            byte[] wb = edit(TIERS, "Tier reserves", sheet -> cell(sheet, "D5").setCellFormula("20+10"));
            assertThat(refused(TIERS, wb)).containsExactly("tier-thresholds.xlsx › Tier reserves › D5 "
                    + "(Request when runway is under (days)): holds a formula (20+10); type the value itself");
        }

        @Test
        @DisplayName("a required cell left empty")
        void missingRequiredCell() {
            byte[] wb = edit(TIERS, "Tier reserves", sheet -> cell(sheet, "E5").setBlank());
            assertThat(refused(TIERS, wb)).containsExactly("tier-thresholds.xlsx › Tier reserves › E5 "
                    + "(Refill to a reserve of (days)): 'Refill to a reserve of (days)' is required: enter a whole number");
        }

        @Test
        @DisplayName("a row id that is not letters, a dash and a number")
        void badId() {
            assertThat(refused(TIERS, edit(TIERS, "Tier reserves", "A6", "TR two"))).containsExactly(
                    "tier-thresholds.xlsx › Tier reserves › A6 (Id): 'TR two' is not a rule id (letters, a dash, a number: TT-1)");
        }

        @Test
        @DisplayName("every problem of every workbook is reported at once")
        void allProblemsAtOnce() {
            byte[] tiers = edit(edit(TIERS, "Tier reserves", "D5", "thirty"), "Tier reserves", "E7", "a month");
            byte[] bands = edit(BANDS, "Severity bands", "I7", "maybe");
            RulesetException e = catchThrowableOfType(RulesetException.class,
                    () -> builder().withWorkbook(TIERS, tiers).withWorkbook(BANDS, bands).build());
            assertThat(e).as("expected the workbooks to be refused").isNotNull();
            assertThat(e.problems()).containsExactly(
                    "tier-thresholds.xlsx › Tier reserves › D5 (Request when runway is under (days)): "
                            + "'thirty' is not a whole number",
                    "tier-thresholds.xlsx › Tier reserves › E7 (Refill to a reserve of (days)): "
                            + "'a month' is not a whole number",
                    "severity-bands.xlsx › Severity bands › I7 (Client request): 'maybe' is not Yes or No");
        }
    }

    @Nested
    @DisplayName("a value written the way people write it is accepted and normalised")
    class Normalised {

        @Test
        @DisplayName("'90%' typed as text builds the same rules as a percent-formatted 0.9")
        void percentAsText() {
            byte[] wb = edit(BANDS, "Severity bands", sheet -> {
                Cell cell = cell(sheet, "C6");
                cell.setCellValue("90%");
                cell.setCellStyle(sheet.getWorkbook().createCellStyle());
            });
            assertSameRulesAsShipped(BANDS, wb);
        }

        @Test
        @DisplayName("a percent-formatted 0.9, in 0% or in 0.00% format, and the fraction 0.9 in General format")
        void percentFormats() {
            assertSameRulesAsShipped(BANDS, edit(BANDS, "Severity bands", sheet -> {
                Cell cell = cell(sheet, "C6");
                cell.setCellValue(0.9);
                cell.setCellStyle(percentStyle(sheet, "0.00%"));
            }));
            assertSameRulesAsShipped(BANDS, edit(BANDS, "Severity bands", sheet -> {
                Cell cell = cell(sheet, "C6");
                cell.setCellValue(0.9);
                cell.setCellStyle(percentStyle(sheet, "0%"));
            }));
            assertSameRulesAsShipped(BANDS, edit(BANDS, "Severity bands", sheet -> {
                Cell cell = cell(sheet, "C6");
                cell.setCellValue(0.9);
                cell.setCellStyle(sheet.getWorkbook().createCellStyle());
            }));
        }

        @Test
        @DisplayName("amounts typed as text with a dollar sign, thousands separator and a pasted no-break space")
        void moneyAsText() {
            // tier 1's lower bound (C5) and tier 2's upper bound (D6), the shipped amount typed again as text
            BigDecimal boundary = DefaultTables.row("tier-by-monthly-billing", "TT-1").number("Monthly billing at least");
            byte[] wb = edit(TIERS, "Tier by monthly billing", "C5", "$ " + String.format(Locale.US, "%,.2f", boundary)
                    + "\u00A0");
            wb = edit(wb, "Tier by monthly billing", "D6", "\u00A0" + boundary.stripTrailingZeros().toPlainString());
            assertSameRulesAsShipped(TIERS, wb);
        }

        @Test
        @DisplayName("spaces around a value, 'yes' in lower case, 'Tier 1' for TIER_1")
        void spacesAndCase() {
            byte[] wb = edit(TIERS, "Tier reserves", "C5", "  Tier 1 ");
            wb = edit(wb, "Practice minimums", "E5", " yes ");
            wb = edit(wb, "Tier reserves", "A5", " tr-1 ");
            assertSameRulesAsShipped(TIERS, wb);
        }

        @Test
        @DisplayName("a cell holding only spaces (or a no-break space) is empty")
        void blankLookingCell() {
            byte[] wb = edit(TIERS, "Tier by monthly billing", "D5", "\u00A0 ");
            assertSameRulesAsShipped(TIERS, wb);
        }

        @Test
        @DisplayName("a header or a name wrapped onto two lines with Alt+Enter")
        void lineBreaks() {
            byte[] wb = edit(TIERS, "Tier reserves", "D4", "Request when runway\nis under (days)");
            Ruleset built = builder().withWorkbook(TIERS, wb).build();
            assertThat(built.tableDrl()).isEqualTo(RulesHarness.shippedRuleset().tableDrl());

            byte[] named = edit(TIERS, "Tier reserves", "B5", "Tier 1: request under 30 days\nand refill to 60");
            Ruleset renamed = builder().withWorkbook(TIERS, named).build();
            assertThat(renamed.rule("TR-1")).get().extracting(RuleEntry::name)
                    .isEqualTo("Tier 1: request under 30 days and refill to 60");
        }

        @Test
        @DisplayName("blank rows between and after the data rows are skipped")
        void blankRows() {
            byte[] wb = edit(TIERS, "Tier reserves", sheet -> {
                sheet.shiftRows(5, sheet.getLastRowNum(), 2); // two empty rows after TR-1
                Row spacer = sheet.createRow(5);
                spacer.createCell(0).setCellValue(" ");
                sheet.createRow(20).createCell(1);
            });
            Ruleset built = builder().withWorkbook(TIERS, wb).build();
            assertThat(built.rule("TR-2")).get().extracting(RuleEntry::row).isEqualTo(8);
            assertThat(built.catalogue().stream().filter(e -> "Tier reserves".equals(e.sheet()))).hasSize(3);
        }
    }

    @Nested
    @DisplayName("anything but data cells is refused: the layout belongs to the approved template")
    class Layout {

        @Test
        @DisplayName("a changed header")
        void changedHeader() {
            assertThat(refused(TIERS, edit(TIERS, "Tier by monthly billing", "C4", "Monthly billing from")))
                    .containsExactly("tier-thresholds.xlsx › Tier by monthly billing › C4: header must be "
                            + "'Monthly billing at least' but is 'Monthly billing from' (headers belong to the approved "
                            + "template; only data rows may change)");
        }

        @Test
        @DisplayName("an extra column with a value")
        void extraColumn() {
            assertThat(refused(TIERS, edit(TIERS, "Tier by monthly billing", "F5", "check with Dana")))
                    .containsExactly("tier-thresholds.xlsx › Tier by monthly billing › F5: the table has no column "
                            + "here; new columns are a template change, not a data change");
        }

        @Test
        @DisplayName("a note beside the table on a row that is otherwise empty")
        void noteBesideTheTable() {
            assertThat(refused(TIERS, edit(TIERS, "Tier reserves", "G12", "TIER_4 next year?")))
                    .containsExactly("tier-thresholds.xlsx › Tier reserves › G12: the table has no column here; "
                            + "new columns are a template change, not a data change");
        }

        @Test
        @DisplayName("a merged cell range in the table")
        void mergedCells() {
            byte[] wb = edit(TIERS, "Tier by monthly billing",
                    sheet -> sheet.addMergedRegion(CellRangeAddress.valueOf("B5:C5")));
            assertThat(refused(TIERS, wb)).containsExactly("tier-thresholds.xlsx › Tier by monthly billing › B5:C5: "
                    + "merged cells are not allowed in the table; unmerge them");
        }

        @Test
        @DisplayName("a merged title above the table is fine")
        void mergedTitle() {
            byte[] wb = edit(TIERS, "Tier by monthly billing",
                    sheet -> sheet.addMergedRegion(CellRangeAddress.valueOf("A1:E1")));
            assertThat(builder().withWorkbook(TIERS, wb).build().tableDrl())
                    .isEqualTo(RulesHarness.shippedRuleset().tableDrl());
        }

        @Test
        @DisplayName("a hidden (or filtered-out) row: what the sheet shows is what the rules use")
        void hiddenRow() {
            byte[] wb = edit(TIERS, "Tier reserves", sheet -> sheet.getRow(5).setZeroHeight(true));
            assertThat(refused(TIERS, wb)).containsExactly("tier-thresholds.xlsx › Tier reserves › row 6: the row is "
                    + "hidden (or filtered out); unhide it or delete it, so that what the sheet shows is what the rules use");
        }

        @Test
        @DisplayName("a hidden column")
        void hiddenColumn() {
            byte[] wb = edit(TIERS, "Tier reserves", sheet -> sheet.setColumnHidden(4, true));
            assertThat(refused(TIERS, wb)).containsExactly("tier-thresholds.xlsx › Tier reserves › column E "
                    + "(Refill to a reserve of (days)): the column is hidden; unhide it so that what the sheet shows is "
                    + "what the rules use");
        }

        @Test
        @DisplayName("a duplicate id in a sheet")
        void duplicateId() {
            assertThat(refused(TIERS, edit(TIERS, "Tier reserves", "A6", "TR-1"))).containsExactly(
                    "tier-thresholds.xlsx › Tier reserves › A6: the id TR-1 is already used in row 5");
        }

        @Test
        @DisplayName("an id used in another sheet")
        void idUsedInAnotherSheet() {
            assertThat(refused(TIERS, edit(TIERS, "Tier reserves", "A7", "TT-3"))).containsExactly(
                    "tier-thresholds.xlsx › Tier reserves › A7: the id TT-3 is already used at "
                            + "tier-thresholds.xlsx › Tier by monthly billing › A7; every row of every table needs an id of its own");
        }

        @Test
        @DisplayName("an id that a DRL rule already has")
        void idOfADrlRule() {
            assertThat(refused(BANDS, edit(BANDS, "Emergency queue", "A5", "RP-020"))).containsExactly(
                    "severity-bands.xlsx › Emergency queue › A5: the id RP-020 is already the id of the rule "
                            + "'RP-020 Ask the billing contact to replenish when the balance is below the threshold' in "
                            + "rules/replenishment.drl; give the row an id of its own");
        }

        @Test
        @DisplayName("a sheet with no data rows")
        void noRows() {
            byte[] wb = edit(TIERS, "Fallback threshold", sheet -> sheet.removeRow(sheet.getRow(4)));
            assertThat(refused(TIERS, wb)).containsExactly(
                    "tier-thresholds.xlsx › Fallback threshold › the table has no data rows");
        }

        @Test
        @DisplayName("a missing sheet")
        void missingSheet() {
            byte[] wb = change(shipped(TIERS), book -> book.removeSheetAt(book.getSheetIndex("Practice minimums")));
            assertThat(refused(TIERS, wb)).containsExactly(
                    "tier-thresholds.xlsx: the sheet 'Practice minimums' is missing");
        }

        @Test
        @DisplayName("a renamed sheet is a missing sheet and an extra one")
        void renamedSheet() {
            byte[] wb = change(shipped(TIERS), book -> book.setSheetName(book.getSheetIndex("Tier reserves"), "Reserves"));
            assertThat(refused(TIERS, wb)).containsExactly(
                    "tier-thresholds.xlsx: the sheet 'Tier reserves' is missing",
                    "tier-thresholds.xlsx: the sheet 'Reserves' is not part of the approved template (expected sheets: "
                            + "Tier by monthly billing, Tier reserves, Practice minimums, Fallback threshold; and optionally Tests)");
        }

        @Test
        @DisplayName("an extra sheet")
        void extraSheet() {
            byte[] wb = change(shipped(TIERS), book -> book.createSheet("Notes").createRow(0).createCell(0)
                    .setCellValue("ideas for next year"));
            assertThat(refused(TIERS, wb)).containsExactly("tier-thresholds.xlsx: the sheet 'Notes' is not part of "
                    + "the approved template (expected sheets: Tier by monthly billing, Tier reserves, Practice minimums, "
                    + "Fallback threshold; and optionally Tests)");
        }

        @Test
        @DisplayName("a file that is not a workbook at all")
        void notAWorkbook() {
            assertThat(refused(TIERS, "Id,Name\nTT-1,oops\n".getBytes())).singleElement().asString()
                    .startsWith("tier-thresholds.xlsx: not a readable xlsx workbook; save it from Excel or LibreOffice "
                            + "as 'Excel Workbook (.xlsx)'");
        }
    }

    @Nested
    @DisplayName("LibreOffice")
    class LibreOffice {

        @Test
        @DisplayName("workbooks saved by LibreOffice Calc build to the same rules as the workbooks they were saved from")
        void savedByLibreOffice() throws IOException {
            byte[] tiers = Files.readAllBytes(LIBREOFFICE.resolve(TIERS));
            byte[] bands = Files.readAllBytes(LIBREOFFICE.resolve(BANDS));
            for (byte[] wb : List.of(tiers, bands)) {
                try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(wb))) {
                    assertThat(book.getProperties().getExtendedProperties().getApplication())
                            .as("the test resource must really be saved by LibreOffice").startsWith("LibreOffice");
                }
            }
            Ruleset built = builder().withWorkbook(TIERS, tiers).withWorkbook(BANDS, bands).build();
            // the copies were saved from the tables FixedTables holds, not from whatever ships today
            Ruleset original = builder().withWorkbook(TIERS, FixedTables.workbook(TIERS))
                    .withWorkbook(BANDS, FixedTables.workbook(BANDS)).build();
            assertThat(built.tableDrl()).isEqualTo(original.tableDrl());
            assertThat(built.catalogue()).containsExactlyElementsOf(original.catalogue());
        }

        @Test
        @DisplayName("a workbook saved in LibreOffice's own format (.ods) is refused with how to save it as xlsx")
        void savedAsOds() throws IOException {
            byte[] ods = Files.readAllBytes(LIBREOFFICE.resolve("tier-thresholds.ods"));
            assertThat(refused(TIERS, ods)).containsExactly("tier-thresholds.xlsx: the file is in LibreOffice's own "
                    + "format (.ods), not xlsx; in LibreOffice choose File › Save As, file type 'Excel 2007-365 (.xlsx)', "
                    + "and keep that format when asked");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    static RulesetBuilder builder() {
        return new RulesetBuilder(RULES, TABLES);
    }

    /** The problems building with {@code content} as {@code workbook}; fails if the build succeeds. */
    static List<String> refused(String workbook, byte[] content) {
        RulesetException e = catchThrowableOfType(RulesetException.class,
                () -> builder().withWorkbook(workbook, content).build());
        assertThat(e).as("expected %s to be refused", workbook).isNotNull();
        return e.problems();
    }

    static void assertSameRulesAsShipped(String workbook, byte[] content) {
        Ruleset built = builder().withWorkbook(workbook, content).build();
        assertThat(built.tableDrl()).isEqualTo(RulesHarness.shippedRuleset().tableDrl());
    }

    static byte[] shipped(String workbook) {
        try {
            return Files.readAllBytes(TABLES.resolve(workbook));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] edit(String workbook, String sheet, String ref, String text) {
        return edit(shipped(workbook), sheet, ref, text);
    }

    static byte[] edit(byte[] workbook, String sheet, String ref, String text) {
        return change(workbook, book -> cell(book.getSheet(sheet), ref).setCellValue(text));
    }

    static byte[] edit(String workbook, String sheet, String ref, double number) {
        return change(shipped(workbook), book -> cell(book.getSheet(sheet), ref).setCellValue(number));
    }

    static byte[] edit(byte[] workbook, String sheet, String ref, double number) {
        return change(workbook, book -> cell(book.getSheet(sheet), ref).setCellValue(number));
    }

    static byte[] edit(String workbook, String sheet, Consumer<Sheet> change) {
        return change(shipped(workbook), book -> change.accept(book.getSheet(sheet)));
    }

    static byte[] change(byte[] workbook, Consumer<XSSFWorkbook> change) {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            change.accept(book);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Cell cell(Sheet sheet, String ref) {
        CellReference r = new CellReference(ref);
        Row row = sheet.getRow(r.getRow()) == null ? sheet.createRow(r.getRow()) : sheet.getRow(r.getRow());
        Cell cell = row.getCell(r.getCol());
        return cell == null ? row.createCell(r.getCol()) : cell;
    }

    static CellStyle percentStyle(Sheet sheet, String format) {
        CellStyle style = sheet.getWorkbook().createCellStyle();
        style.setDataFormat(sheet.getWorkbook().createDataFormat().getFormat(format));
        return style;
    }
}
