package com.trustwatch.rules;

import java.util.Map;

/**
 * One data row of a decision table after validation: its spreadsheet row number (1-based, as a
 * billing manager sees it) and each column's value in the text form the rule template expects
 * ({@code null} for an empty optional cell).
 */
record TableRow(int sheetRow, Map<String, String> values) {

    String id() {
        return values.get("id");
    }

    String name() {
        return values.get("name");
    }
}
