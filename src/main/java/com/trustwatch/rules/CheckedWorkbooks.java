package com.trustwatch.rules;

import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The decision-table workbooks of one ruleset after every check passed: the rows of every sheet
 * (the Tests sheets' examples included), ready to be compared with another set row by row.
 */
public final class CheckedWorkbooks {

    /**
     * One difference between two sets of workbooks, as a billing manager reads it.
     *
     * @param change   ADDED (a row only in the new set), REMOVED (only in the old one) or CHANGED (a cell)
     * @param rowId    the row's id (rows are matched by id)
     * @param rowName  the row's name in the new set (in the old one for a removed row)
     * @param column   the column's header, for a changed cell
     * @param cell     the cell in the new workbook (in the old one for a removed row)
     */
    @Serdeable
    public record RowChange(String change, String workbook, String sheet, String rowId, String rowName,
                            String column, String cell, String oldValue, String newValue) {
    }

    private final Map<TableTemplate, List<TableRow>> tables;

    CheckedWorkbooks(Map<TableTemplate, List<TableRow>> tables) {
        this.tables = new LinkedHashMap<>(tables);
    }

    Map<TableTemplate, List<TableRow>> tables() {
        return tables;
    }

    /** The examples of every Tests sheet, in workbook order. */
    List<WorkbookTests.Example> examples() {
        List<WorkbookTests.Example> out = new ArrayList<>();
        tables.forEach((t, rows) -> {
            if (t.isTests()) {
                rows.forEach(r -> out.add(new WorkbookTests.Example(t.workbook(), r)));
            }
        });
        return out;
    }

    /**
     * One sheet as a billing manager reads it, without Excel: its column headers and each row's cells
     * as the rules read them (blank for an empty optional cell).
     *
     * @param tests whether this is a Tests sheet (examples with expected outcomes, not rules)
     * @param rows  each row: its spreadsheet row number first, then one cell per header
     */
    @Serdeable
    public record Sheet(String workbook, String sheet, boolean tests, List<String> headers, List<List<String>> rows) {
    }

    /** Every sheet, workbook by workbook. */
    public List<Sheet> sheets() {
        List<Sheet> out = new ArrayList<>();
        for (Map.Entry<TableTemplate, List<TableRow>> e : tables.entrySet()) {
            TableTemplate t = e.getKey();
            List<TableRow> rows = e.getValue();
            List<String> headers = new ArrayList<>();
            headers.add("Row");
            t.columns().forEach(c -> headers.add(c.header()));
            List<List<String>> cells = new ArrayList<>();
            for (TableRow r : rows) {
                List<String> line = new ArrayList<>();
                line.add(Integer.toString(r.sheetRow()));
                t.columns().forEach(c -> line.add(r.values().get(c.key()) == null ? "" : r.values().get(c.key())));
                cells.add(line);
            }
            out.add(new Sheet(t.workbook(), t.sheet(), t.isTests(), headers, cells));
        }
        return out;
    }

    /** How many examples the Tests sheets hold. */
    public int exampleCount() {
        return examples().size();
    }

    /** Every row added, removed or changed (cell by cell) from {@code before} to this set, sheet by sheet. */
    public List<RowChange> changesFrom(CheckedWorkbooks before) {
        List<RowChange> out = new ArrayList<>();
        List<TableTemplate> sheets = new ArrayList<>(ApprovedTables.ALL);
        sheets.addAll(ApprovedTables.TESTS);
        for (TableTemplate t : sheets) {
            Map<String, TableRow> old = byId(before.tables.getOrDefault(t, List.of()));
            Map<String, TableRow> now = byId(tables.getOrDefault(t, List.of()));
            for (TableRow row : now.values()) {
                TableRow was = old.get(row.id());
                if (was == null) {
                    out.add(new RowChange("ADDED", t.workbook(), t.sheet(), row.id(), row.name(), null,
                            "row " + row.sheetRow(), null, summary(t, row)));
                    continue;
                }
                for (int c = 1; c < t.columns().size(); c++) {
                    TableTemplate.Column column = t.columns().get(c);
                    String a = was.values().get(column.key());
                    String b = row.values().get(column.key());
                    if (!Objects.equals(a, b)) {
                        out.add(new RowChange("CHANGED", t.workbook(), t.sheet(), row.id(), row.name(), column.header(),
                                TableChecks.cell(t, row, column.key()), shown(column, a), shown(column, b)));
                    }
                }
            }
            for (TableRow row : old.values()) {
                if (!now.containsKey(row.id())) {
                    out.add(new RowChange("REMOVED", t.workbook(), t.sheet(), row.id(), row.name(), null,
                            "row " + row.sheetRow(), summary(t, row), null));
                }
            }
        }
        return out;
    }

    private static Map<String, TableRow> byId(List<TableRow> rows) {
        Map<String, TableRow> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(r.id(), r));
        return out;
    }

    private static String shown(TableTemplate.Column column, String value) {
        return value == null ? "(empty)" : column.kind().display(value);
    }

    /** A whole row as "header: value" pairs, for a row added or removed. */
    private static String summary(TableTemplate t, TableRow row) {
        List<String> parts = new ArrayList<>();
        for (int c = 2; c < t.columns().size(); c++) {
            TableTemplate.Column column = t.columns().get(c);
            String v = row.values().get(column.key());
            if (v != null) {
                parts.add(column.header() + ": " + column.kind().display(v));
            }
        }
        return String.join("; ", parts);
    }
}
