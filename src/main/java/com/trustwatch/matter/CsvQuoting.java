package com.trustwatch.matter;

import com.trustwatch.web.FieldError;

import java.util.Optional;

/**
 * Finds where a CSV file's quoting goes wrong, the way commons-csv's default format reads quotes:
 * a cell that starts with {@code "} runs to the next lone {@code "} ({@code ""} is a quote inside it),
 * and only spaces may stand between that closing quote and the next comma or line end.
 */
final class CsvQuoting {

    private CsvQuoting() {
    }

    /** The first quoting fault, with its line and column, or empty when the quoting is sound. */
    static Optional<FieldError> firstProblem(String text, RosterCsv.Lines lines) {
        int i = 0;
        int n = text.length();
        boolean cellStart = true;
        while (i < n) {
            char c = text.charAt(i);
            if (cellStart && c == '"') {
                int open = i;
                i++;
                while (true) {
                    if (i >= n) {
                        return Optional.of(at(lines, open, "a quoted cell starts here and is never closed:"
                                + " its closing quote is missing (a quote inside a quoted cell is written twice, \"\")"));
                    }
                    if (text.charAt(i) == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                i++;
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                    return Optional.of(at(lines, i, "a quoted cell must end at its closing quote, but '"
                            + text.charAt(i) + "' follows it (a quote inside a quoted cell is written twice, \"\")"));
                }
                cellStart = false;
                continue;
            }
            cellStart = c == ',' || c == '\r' || c == '\n';
            i++;
        }
        return Optional.empty();
    }

    private static FieldError at(RosterCsv.Lines lines, int position, String message) {
        return new FieldError(lines.lineOf(position), lines.columnOf(position), "file", message);
    }
}
