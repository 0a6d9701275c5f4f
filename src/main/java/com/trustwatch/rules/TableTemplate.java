package com.trustwatch.rules;

import java.util.List;

/**
 * The approved shape of one decision-table sheet: its header row, the type of every data column,
 * and the developer-owned rule template each data row fills in. A billing manager changes data
 * rows; anything else in the sheet is refused before it reaches the rule compiler.
 *
 * @param workbook file name inside the decision-tables folder
 * @param sheet    sheet (tab) name
 * @param template rule template file inside the rules/templates folder; null for a workbook's
 *                 Tests sheet, whose rows are examples run against the ruleset, not rules
 */
record TableTemplate(String workbook, String sheet, String template, List<Column> columns, RowsCheck rowsCheck) {

    TableTemplate(String workbook, String sheet, String template, List<Column> columns) {
        this(workbook, sheet, template, columns, RowsCheck.NONE);
    }

    /**
     * A rule across the rows of a sheet that no single cell can state (for example "every row of a
     * stage goes out on the same day"). It runs once every cell of the sheet is valid, and reports
     * each problem at the cell a billing manager should change.
     */
    @FunctionalInterface
    interface RowsCheck {
        RowsCheck NONE = (rows, problems) -> {
        };

        void check(List<TableRow> rows, CellProblems problems);
    }

    /** Whether this is a workbook's optional Tests sheet (examples with expected outcomes, not rules). */
    boolean isTests() {
        return template == null;
    }

    /** Where a {@link RowsCheck} reports: the row, the column (by its template key) and what is wrong. */
    @FunctionalInterface
    interface CellProblems {
        void add(TableRow row, String columnKey, String message);
    }

    /**
     * @param header   the exact header text in the sheet
     * @param key      the name the rule template uses for this column ({@code @{key}})
     * @param kind     what the cells hold
     * @param required whether a data row must fill the cell
     * @param noneAllowed whether the cell may say "none" (a Tests-sheet expectation that nothing happens)
     */
    record Column(String header, String key, CellKind kind, boolean required, boolean noneAllowed) {
    }

    /** What a cell that allows it holds when it says "none". */
    static final String NONE = "none";

    static Column required(String header, String key, CellKind kind) {
        return new Column(header, key, kind, true, false);
    }

    static Column optional(String header, String key, CellKind kind) {
        return new Column(header, key, kind, false, false);
    }

    static Column expected(String header, String key, CellKind kind) {
        return new Column(header, key, kind, false, true);
    }

    /** Every sheet starts with the same two columns: a stable rule id and a plain-English name. */
    static List<Column> withIdAndName(Column... rest) {
        List<Column> all = new java.util.ArrayList<>();
        all.add(required("Id", "id", CellKind.ID));
        all.add(required("Name", "name", CellKind.TEXT));
        all.addAll(List.of(rest));
        return List.copyOf(all);
    }
}
