package com.trustwatch.reports;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes report rows as CSV a spreadsheet opens safely: every cell quoted, and a text cell that starts
 * like a formula ({@code = + - @}, tab or carriage return) gets a leading apostrophe, so a client
 * named {@code =HYPERLINK(...)} is shown as text instead of being run (OWASP "CSV injection").
 * Amounts the service formats itself are written as they are.
 */
final class CsvCells {

    private CsvCells() {
    }

    /** A cell of text that came from people (names, descriptions). */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    static String line(List<String> cells) {
        return cells.stream().map(c -> "\"" + (c == null ? "" : c).replace("\"", "\"\"") + "\"")
                .collect(Collectors.joining(",")) + "\r\n";
    }
}
