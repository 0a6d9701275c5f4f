package com.trustwatch.rules;

import org.apache.poi.openxml4j.exceptions.ODFNotOfficeXmlFileException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
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
import java.util.Map;
import java.util.Set;

/**
 * Reads a decision-table workbook (xlsx from Excel or LibreOffice) against its approved templates.
 * The header row must match the template exactly; every data cell must hold a value of its
 * column's type; formulas, merged cells, hidden rows or columns, extra columns and extra sheets are
 * refused. All problems are reported at once, each naming its cell, and nothing is compiled while any
 * remain.
 */
final class DecisionTableReader {

    private static final String ID_HEADER = "Id";
    private final DataFormatter formatter = new DataFormatter();

    /** The rows of each sheet of {@code workbookName}, in template order. */
    Map<TableTemplate, List<TableRow>> read(String workbookName, byte[] content, List<TableTemplate> templates) {
        List<String> problems = new ArrayList<>();
        Map<TableTemplate, List<TableRow>> result = new LinkedHashMap<>();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            Set<String> expectedSheets = new LinkedHashSet<>();
            for (TableTemplate template : templates) {
                expectedSheets.add(template.sheet());
                Sheet sheet = workbook.getSheet(template.sheet());
                if (sheet == null) {
                    problems.add(workbookName + ": the sheet '" + template.sheet() + "' is missing");
                    continue;
                }
                result.put(template, readSheet(workbookName, sheet, template, problems));
            }
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                String name = workbook.getSheetName(i);
                if (!expectedSheets.contains(name)) {
                    problems.add(workbookName + ": the sheet '" + name + "' is not part of the approved template "
                            + "(expected sheets: " + String.join(", ", expectedSheets) + ")");
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
            if (isBlank(row, columns.size())) {
                continue;
            }
            if (row.getZeroHeight()) {
                problems.add(where + "row " + (r + 1) + ": the row is hidden (or filtered out); unhide it or delete it, "
                        + "so that what the sheet shows is what the rules use");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                TableTemplate.Column column = columns.get(c);
                try {
                    String value = value(row.getCell(c), column.kind());
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
            rows.add(new TableRow(r + 1, values));
        }
        if (rows.isEmpty()) {
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

    private String value(Cell cell, CellKind kind) {
        if (cell == null) {
            return null;
        }
        return switch (cell.getCellType()) {
            case BLANK -> null;
            case STRING -> {
                String text = CellKind.clean(cell.getStringCellValue());
                yield text.isEmpty() ? null : kind.parseText(text);
            }
            case NUMERIC -> kind.parseNumber(cell.getNumericCellValue(),
                    cell.getCellStyle() != null && cell.getCellStyle().getDataFormatString().contains("%"));
            case BOOLEAN -> kind.parseBoolean(cell.getBooleanCellValue());
            case FORMULA -> throw new IllegalArgumentException("holds a formula (" + cell.getCellFormula()
                    + "); type the value itself");
            default -> throw new IllegalArgumentException("holds an error value; type " + kind.expected());
        };
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
