package com.trustwatch.rules;

import java.util.List;

/**
 * A ruleset that cannot be used: a decision table or rule file, with every problem found, each naming the
 * file and, for a spreadsheet, the sheet and cell ({@code tier-thresholds.xlsx › Tier reserves › D4: ...}).
 */
public final class RulesetException extends RuntimeException {

    private final List<String> problems;

    public RulesetException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
