package com.trustwatch.rules;

import org.mvel2.templates.TemplateRuntime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns validated table rows into DRL text with the sheet's rule template: one rule per data row.
 * A template file has a head (package, imports), then the marker line, then the rule text that
 * each row fills in through MVEL {@code @{key}} and {@code @if{...}} expressions.
 */
final class TableCompiler {

    static final String ROW_MARKER = "// one rule per data row";

    /** DRL for one sheet, with the DRL line each spreadsheet row starts at (to name cells in errors). */
    record CompiledTable(TableTemplate template, String drl, List<RowSpan> spans) {

        /** The spreadsheet row whose rule contains DRL line {@code line} (1-based), or -1. */
        int sheetRowAt(int line) {
            for (RowSpan span : spans) {
                if (line >= span.firstLine() && line <= span.lastLine()) {
                    return span.sheetRow();
                }
            }
            return -1;
        }
    }

    record RowSpan(int sheetRow, int firstLine, int lastLine) {
    }

    CompiledTable compile(TableTemplate template, String templateText, List<TableRow> rows) {
        int marker = templateText.indexOf(ROW_MARKER);
        if (marker < 0) {
            throw new IllegalStateException("rule template " + template.template() + " has no '" + ROW_MARKER + "' line");
        }
        int ruleStart = templateText.indexOf('\n', marker) + 1;
        String head = templateText.substring(0, ruleStart);
        String ruleTemplate = templateText.substring(ruleStart);
        StringBuilder drl = new StringBuilder(head);
        int line = lineCount(head) + 1;
        List<RowSpan> spans = new ArrayList<>();
        for (TableRow row : rows) {
            Map<String, Object> vars = new HashMap<>(row.values());
            vars.put("row", row.sheetRow());
            vars.put("source", "decision-tables/" + template.workbook());
            vars.put("sheet", template.sheet());
            String rule = String.valueOf(TemplateRuntime.eval(ruleTemplate, vars));
            if (!rule.endsWith("\n")) {
                rule = rule + "\n";
            }
            int lines = lineCount(rule);
            spans.add(new RowSpan(row.sheetRow(), line, line + lines - 1));
            drl.append(rule);
            line += lines;
        }
        return new CompiledTable(template, drl.toString(), spans);
    }

    private static int lineCount(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
