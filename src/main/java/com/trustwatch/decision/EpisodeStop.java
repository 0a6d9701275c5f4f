package com.trustwatch.decision;

/** A rule's decision that a matter's open low-balance episode ends, and why. The executor records it. */
public record EpisodeStop(String matterNumber, String reason, String ruleName) {
}
