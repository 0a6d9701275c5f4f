package com.trustwatch.rules;

import org.apache.poi.openxml4j.exceptions.ODFNotOfficeXmlFileException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a decision-table workbook (xlsx from Excel or LibreOffice) against its approved templates.
 * The header row must match the template exactly; every data cell must hold a value of its
 * column's type; formulas, merged cells, hidden rows or columns, extra columns and extra sheets are
 * refused. The file itself is checked first ({@link WorkbookSafety}), and a sheet may use at most
 * {@link WorkbookSafety#MAX_ROWS} rows and {@link WorkbookSafety#MAX_COLUMNS} columns. A numeric cell is
 * read as a person sees it: when the text its number format shows and the number it holds mean different
 * things ("25%" shown for the number 25 through the format {@code 0"%"}), the cell is refused with both.
 * A Drools decision-table keyword anywhere is refused: these sheets are data, not Drools tables. A
 * workbook may carry an optional Tests sheet of examples. All problems are reported at once, each
 * naming its cell, and nothing is compiled while any remain.
 */
final class DecisionTableReader {

    private static final String ID_HEADER = "Id";
    /** Keywords of Drools' own spreadsheet format: a cell holding one would, there, turn data into code. */
    private static final Set<String> DROOLS_KEYWORDS = Set.of("ruleset", "ruletable", "import", "imports", "variables",
            "functions", "queries", "declare", "unit", "sequential", "sequentialmaxpriority", "sequentialminpriority",
            "escapequotes", "numericdisabled", "ignorenumericformat", "condition", "action", "metadata", "priority",
            "salience", "duration", "timer", "enabled", "calendars", "no-loop", "lock-on-active", "auto-focus",
            "activation-group", "agenda-group", "ruleflow-group", "date-effective", "date-expires");
    private static final Pattern NUMBER_IN_TEXT = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?\\s*%?");

    static {
        WorkbookSafety.install();
    }

    private final DataFormatter formatter = new DataFormatter(Locale.US);
    /** Names that contradict their rows: reported, but the rows still go on to the checks across rows. */
    private final List<String> nameProblems = new ArrayList<>();

    /** Every row name, of every workbook read so far, that states a number its row's cells do not hold. */
    List<String> nameProblems() {
        return List.copyOf(nameProblems);
    }

    /**
     * The rows of each sheet of {@code workbookName}, in template order, and of its Tests sheet when it
     * has one.
     */
    Map<TableTemplate, List<TableRow>> read(String workbookName, byte[] content, List<TableTemplate> templates) {
        List<String> problems = new ArrayList<>(WorkbookSafety.check(workbookName, content));
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        List<TableTemplate> sheets = new ArrayList<>(templates);
        ApprovedTables.TESTS.stream().filter(t -> t.workbook().equals(workbookName) && !sheets.contains(t))
                .forEach(sheets::add);
        Map<TableTemplate, List<TableRow>> result = new LinkedHashMap<>();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            Set<String> expectedSheets = new LinkedHashSet<>();
            for (TableTemplate template : sheets) {
                expectedSheets.add(template.sheet());
                Sheet sheet = workbook.getSheet(template.sheet());
                if (sheet == null) {
                    if (!template.isTests()) {
                        problems.add(workbookName + ": the sheet '" + template.sheet() + "' is missing");
                    }
                    continue;
                }
                if (sheet.getLastRowNum() >= WorkbookSafety.MAX_ROWS) {
                    problems.add(workbookName + " › " + template.sheet() + ": the sheet uses rows down to "
                            + (sheet.getLastRowNum() + 1) + "; a table may use at most " + WorkbookSafety.MAX_ROWS
                            + " rows (delete the rows below the table)");
                    continue;
                }
                result.put(template, readSheet(workbookName, sheet, template, problems));
            }
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                String name = workbook.getSheetName(i);
                if (!expectedSheets.contains(name)) {
                    problems.add(workbookName + ": the sheet '" + name + "' is not part of the approved template "
                            + "(expected sheets: " + String.join(", ", expectedSheets.stream()
                            .filter(e -> !ApprovedTables.TESTS_SHEET.equals(e)).toList()) + "; and optionally "
                            + ApprovedTables.TESTS_SHEET + ")");
                }
            }
        } catch (ODFNotOfficeXmlFileException e) {
            problems.add(workbookName + ": the file is in LibreOffice's own format (.ods), not xlsx; in LibreOffice "
                    + "choose File › Save As, file type 'Excel 2007-365 (.xlsx)', and keep that format when asked");
        } catch (IOException | RuntimeException e) {
            if (!(e instanceof RulesetException)) {
                problems.add(workbookName + ": not a readable xlsx workbook; save it from Excel or LibreOffice as "
                        + "'Excel Workbook (.xlsx)' (" + e.getMessage() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return result;
    }

    private List<TableRow> readSheet(String workbookName, Sheet sheet, TableTemplate template, List<String> problems) {
        String where = workbookName + " › " + template.sheet() + " › ";
        int headerRow = findHeaderRow(sheet);
        if (headerRow < 0) {
            problems.add(where + "no header row starting with '" + ID_HEADER + "' in column A");
            return List.of();
        }
        List<TableTemplate.Column> columns = template.columns();
        Set<Integer> keywordRows = new java.util.HashSet<>();
        for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            if (row.getLastCellNum() > WorkbookSafety.MAX_COLUMNS) {
                problems.add(where + "row " + (r + 1) + ": the row uses columns up to "
                        + CellReference.convertNumToColString(row.getLastCellNum() - 1) + "; a table may use at most "
                        + WorkbookSafety.MAX_COLUMNS + " columns");
                return List.of();
            }
            for (Cell cell : row) {
                String text = cell.getCellType() == CellType.STRING ? CellKind.clean(cell.getStringCellValue()) : "";
                if (r != headerRow && DROOLS_KEYWORDS.contains(text.toLowerCase(Locale.ROOT).replaceAll(":$", "").strip())) {
                    keywordRows.add(r);
                    problems.add(where + ref(r, cell.getColumnIndex()) + ": '" + text + "' is a keyword of Drools' own "
                            + "decision-table format, which would turn the sheet into code; these sheets hold data only, "
                            + "and the rules they fill in are approved templates. Delete the cell");
                } else if (r < headerRow && cell.getColumnIndex() > 0 && !text(cell).isEmpty()) {
                    problems.add(where + ref(r, cell.getColumnIndex()) + ": above the table only a title and notes in "
                            + "column A belong to the approved template; delete the cell");
                } else if (r < headerRow && cell.getCellType() == CellType.FORMULA) {
                    problems.add(where + ref(r, cell.getColumnIndex()) + ": holds a formula ("
                            + cell.getCellFormula() + "); above the table only text belongs");
                }
            }
        }
        Row header = sheet.getRow(headerRow);
        for (int c = 0; c < columns.size(); c++) {
            String actual = text(header.getCell(c));
            String expected = columns.get(c).header();
            // a header wrapped onto two lines (Alt+Enter) is still the same header
            if (!expected.equals(CellKind.oneLine(actual))) {
                problems.add(where + ref(headerRow, c) + ": header must be '" + expected + "' but is '" + actual
                        + "' (headers belong to the approved template; only data rows may change)");
            }
        }
        checkNothingRightOf(header, columns.size(), where, problems);
        for (CellRangeAddress merged : sheet.getMergedRegions()) {
            if (merged.getLastRow() >= headerRow) {
                problems.add(where + merged.formatAsString() + ": merged cells are not allowed in the table; unmerge them");
            }
        }
        int problemsBefore = problems.size();
        List<TableRow> rows = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            if (sheet.isColumnHidden(c)) {
                problems.add(where + "column " + CellReference.convertNumToColString(c) + " (" + columns.get(c).header()
                        + "): the column is hidden; unhide it so that what the sheet shows is what the rules use");
            }
        }
        for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            // also below and between the data rows: a note beside the table is not silently ignored
            checkNothingRightOf(row, columns.size(), where, problems);
            if (isBlank(row, columns.size()) || keywordRows.contains(r)) {
                continue; // a keyword row is reported once, as the keyword
            }
            if (row.getZeroHeight()) {
                problems.add(where + "row " + (r + 1) + ": the row is hidden (or filtered out); unhide it or delete it, "
                        + "so that what the sheet shows is what the rules use");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                TableTemplate.Column column = columns.get(c);
                try {
                    String value = value(row.getCell(c), column);
                    if (value == null && column.required()) {
                        throw new IllegalArgumentException("'" + column.header() + "' is required: enter "
                                + column.kind().expected());
                    }
                    values.put(column.key(), value);
                } catch (IllegalArgumentException e) {
                    problems.add(where + ref(r, c) + " (" + column.header() + "): " + e.getMessage());
                }
            }
            String id = values.get("id");
            if (id != null && seenIds.putIfAbsent(id, r) != null) {
                problems.add(where + ref(r, 0) + ": the id " + id + " is already used in row " + (seenIds.get(id) + 1));
            }
            TableRow tableRow = new TableRow(r + 1, values);
            if (values.size() == columns.size()) {
                NameCheck.check(template, tableRow, (key, message) -> nameProblems.add(where + message));
            }
            rows.add(tableRow);
        }
        if (rows.isEmpty() && !template.isTests()) {
            problems.add(where + "the table has no data rows");
        } else if (problems.size() == problemsBefore) {
            template.rowsCheck().check(rows, (row, key, message) -> {
                int c = columnIndex(columns, key);
                problems.add(where + ref(row.sheetRow() - 1, c) + " (" + columns.get(c).header() + "): " + message);
            });
        }
        return rows;
    }

    private static int columnIndex(List<TableTemplate.Column> columns, String key) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).key().equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column '" + key + "' in the template");
    }

    private int findHeaderRow(Sheet sheet) {
        for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row != null && ID_HEADER.equals(text(row.getCell(0)))) {
                return r;
            }
        }
        return -1;
    }

    private void checkNothingRightOf(Row row, int width, String where, List<String> problems) {
        for (int c = width; c < Math.max(width, row.getLastCellNum()); c++) {
            if (!text(row.getCell(c)).isEmpty()) {
                problems.add(where + ref(row.getRowNum(), c) + ": the table has no column here; "
                        + "new columns are a template change, not a data change");
            }
        }
    }

    private boolean isBlank(Row row, int width) {
        for (int c = 0; c < width; c++) {
            if (!text(row.getCell(c)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private String value(Cell cell, TableTemplate.Column column) {
        CellKind kind = column.kind();
        if (cell == null) {
            return null;
        }
        return switch (cell.getCellType()) {
            case BLANK -> null;
            case STRING -> {
                String text = CellKind.clean(cell.getStringCellValue());
                if (column.noneAllowed() && (text.equalsIgnoreCase(TableTemplate.NONE) || text.equals("-"))) {
                    yield TableTemplate.NONE;
                }
                yield text.isEmpty() ? null : kind.parseText(text);
            }
            case NUMERIC -> number(cell, kind);
            case BOOLEAN -> kind.parseBoolean(cell.getBooleanCellValue());
            case FORMULA -> throw new IllegalArgumentException("holds a formula (" + cell.getCellFormula()
                    + "); type the value itself");
            default -> throw new IllegalArgumentException("holds an error value; type " + kind.expected());
        };
    }

    /**
     * A number read as the person sees it. The stored number is read with its format's real type (a
     * format is a percentage only where its % sign is not quoted or escaped text), the shown text is
     * read as if typed, and where the two mean different values the cell is refused with both.
     */
    private String number(Cell cell, CellKind kind) {
        double raw = cell.getNumericCellValue();
        String format = cell.getCellStyle() == null || cell.getCellStyle().getDataFormatString() == null
                ? "General" : cell.getCellStyle().getDataFormatString();
        String holds = java.math.BigDecimal.valueOf(raw).stripTrailingZeros().toPlainString();
        String shown = CellKind.clean(shown(cell, raw, format));
        if (DateUtil.isCellDateFormatted(cell)) {
            throw new IllegalArgumentException("shows '" + shown + "' (the cell is formatted as a date or time) but holds the "
                    + "number " + holds + "; format the cell as a number and check the value");
        }
        if (shown.isEmpty() || hidesValue(format, raw)) {
            throw new IllegalArgumentException("holds " + holds + " but shows nothing (its number format " + format
                    + " hides the value); give the cell a format that shows it");
        }
        boolean percentFormat = isPercentFormat(format);
        String stored = null;
        IllegalArgumentException storedProblem = null;
        try {
            stored = kind.parseNumber(raw, percentFormat);
        } catch (IllegalArgumentException e) {
            storedProblem = e;
        }
        String seen = readAsTyped(shown, kind);
        if (seen != null && (storedProblem != null || !seen.equals(stored))) {
            String why = !percentFormat && shown.contains("%")
                    ? ": its number format " + format + " writes the % sign as text, so the cell is not a percentage and "
                    + "holds " + holds + (storedProblem == null ? " (read as " + kind.display(stored) + ")" : "")
                    + ". Type " + shown + " into the cell, or format it as Percentage"
                    : storedProblem != null ? " (" + storedProblem.getMessage() + ")"
                    : ", which is " + kind.display(stored) + " and not " + kind.display(seen)
                    + " (its number format " + format + " shows it otherwise); type the value the rules should use";
            throw new IllegalArgumentException("shows '" + shown + "' but holds the number " + holds + why);
        }
        if (storedProblem != null) {
            throw storedProblem;
        }
        if (seen == null) {
            throw new IllegalArgumentException("shows '" + shown + "', which is not " + kind.expected() + ", but holds the "
                    + "number " + holds + "; give the cell a plain number format");
        }
        return stored;
    }

    /**
     * The text a spreadsheet program shows for the cell. POI multiplies by 100 for any % sign in a
     * format, quoted or not, which Excel and LibreOffice do not: a literal % is formatted as a stand-in
     * and put back.
     */
    private String shown(Cell cell, double raw, String format) {
        if (format.indexOf('%') < 0 || isPercentFormat(format)) {
            return formatter.formatCellValue(cell);
        }
        StringBuilder safe = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                safe.append(c);
            } else if (c == '%' && quoted) {
                safe.append(LITERAL_PERCENT);
            } else if (c == '\\' && !quoted && i + 1 < format.length() && format.charAt(i + 1) == '%') {
                safe.append('"').append(LITERAL_PERCENT).append('"');
                i++;
            } else {
                safe.append(c);
            }
        }
        return formatter.formatRawCellContents(raw, cell.getCellStyle().getDataFormat(), safe.toString())
                .replace(LITERAL_PERCENT, "%");
    }

    private static final String LITERAL_PERCENT = "~pct~";

    /** Whether the format's section for this value is empty ({@code ;;;} shows nothing at all). */
    static boolean hidesValue(String format, double value) {
        List<String> sections = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && !quoted) {
                current.append(c);
                if (i + 1 < format.length()) {
                    current.append(format.charAt(++i));
                }
                continue;
            } else if (c == ';' && !quoted) {
                sections.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        sections.add(current.toString());
        int section = value > 0 || sections.size() == 1 ? 0 : value < 0 ? 1 : sections.size() > 2 ? 2 : 0;
        return section < sections.size() && sections.get(section).isBlank() && sections.size() > 1;
    }

    /** The shown text as if a person had typed it; with a literal suffix ("30 days") its one number. */
    private static String readAsTyped(String shown, CellKind kind) {
        try {
            return kind.parseText(shown);
        } catch (IllegalArgumentException e) {
            Matcher m = NUMBER_IN_TEXT.matcher(shown);
            if (!m.find()) {
                return null;
            }
            String only = m.group().replace(" ", "");
            if (m.find()) {
                return null; // two numbers shown: no single reading
            }
            try {
                return kind.parseText(only);
            } catch (IllegalArgumentException again) {
                return null;
            }
        }
    }

    /**
     * Whether a number format shows its value as a percentage: a % sign in the format's first section
     * that is not inside quotes, escaped with a backslash, or part of a [bracketed] code. In
     * {@code 0"%"} or {@code 0\%} the sign is literal text and the value is shown as it is.
     */
    static boolean isPercentFormat(String format) {
        boolean quoted = false;
        boolean bracket = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (quoted) {
                quoted = c != '"';
            } else if (bracket) {
                bracket = c != ']';
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                bracket = true;
            } else if (c == '\\' || c == '_' || c == '*') {
                i++; // the next character is literal (\), a space the width of it (_) or a fill (*)
            } else if (c == ';') {
                return false;
            } else if (c == '%') {
                return true;
            }
        }
        return false;
    }

    private String text(Cell cell) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return "";
        }
        return CellKind.clean(formatter.formatCellValue(cell));
    }

    private static String ref(int row, int col) {
        return new CellReference(row, col).formatAsString();
    }
}
