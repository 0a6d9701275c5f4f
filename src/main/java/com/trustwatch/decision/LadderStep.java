package com.trustwatch.decision;

import java.util.List;

/**
 * One row of the escalation ladder (escalation-ladder.xlsx): at which stage, how many business days
 * after the first request, what goes out and to whom. The row inserts it; rules/escalation.drl
 * decides, matter by matter, which steps are due.
 *
 * @param stopWorkRecommendation whether the message recommends stopping work until the retainer is replenished
 * @param ruleName               the row's rule name ({@code "EL-2 ..."}); the actions it causes carry its id
 */
public record LadderStep(int stage, int businessDays, EscalationKind action, List<Role> to, List<Role> cc,
                         boolean stopWorkRecommendation, String ruleName) implements PolicyRow {

    public LadderStep {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
    }
}
