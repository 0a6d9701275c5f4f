package com.trustwatch.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the escalation-ladder sheet must hold across its rows. An open case remembers only the last
 * stage sent, so a row that could not go out before its stage is recorded would be lost without a
 * word: a stage-1 row, a row of a stage due on another day than the stage's other rows, a later
 * stage due sooner than an earlier one. Two rows of one stage with the same action would be the
 * same action (one idempotency key), and the second would never be sent. All of these are refused.
 */
final class LadderRowsCheck implements TableTemplate.RowsCheck {

    @Override
    public void check(List<TableRow> rows, TableTemplate.CellProblems problems) {
        Map<Integer, TableRow> firstOfStage = new LinkedHashMap<>();
        Map<String, TableRow> firstOfAction = new LinkedHashMap<>();
        for (TableRow row : rows) {
            int stage = stage(row);
            if (stage < 2) {
                problems.add(row, "stage", "stage " + stage + " is not a ladder step: stage 1 is the client request"
                        + " itself (rule RP-020), sent when the balance falls below the threshold; the ladder starts at stage 2");
                continue;
            }
            TableRow first = firstOfStage.putIfAbsent(stage, row);
            if (first != null && days(first) != days(row)) {
                problems.add(row, "days", "stage " + stage + " goes out after " + days(first) + " business days in row "
                        + first.sheetRow() + "; every row of a stage goes out on the same day (give this row a stage of its own)");
            }
            String action = row.values().get("action");
            TableRow same = firstOfAction.putIfAbsent(stage + "|" + action, row);
            if (same != null) {
                problems.add(row, "action", "stage " + stage + " already has this action (" + plain(action) + ") in row "
                        + same.sheetRow() + "; put everyone in that row's To and CC");
            }
        }
        for (TableRow row : firstOfStage.values()) {
            firstOfStage.values().stream()
                    .filter(earlier -> stage(earlier) < stage(row) && days(earlier) > days(row))
                    .findFirst()
                    .ifPresent(earlier -> problems.add(row, "days", "stage " + stage(row) + " goes out after " + days(row)
                            + " business days, sooner than stage " + stage(earlier) + " (" + days(earlier)
                            + " business days in row " + earlier.sheetRow() + "); a later stage cannot come sooner"));
        }
    }

    private static int stage(TableRow row) {
        return Integer.parseInt(row.values().get("stage"));
    }

    private static int days(TableRow row) {
        return Integer.parseInt(row.values().get("days"));
    }

    private static String plain(String code) {
        return code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
