package com.trustwatch.decision;

/** A rule's decision that a matter's open low-balance episode ends, and why. The executor records it. */
public record EpisodeStop(String matterNumber, String reason, String ruleName) {

    /** The stable id of the rule that stopped the episode (the first word of its name). */
    public String ruleId() {
        int space = ruleName.indexOf(' ');
        return space < 0 ? ruleName : ruleName.substring(0, space);
    }
}
