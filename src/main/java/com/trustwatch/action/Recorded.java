package com.trustwatch.action;

/**
 * What recording an action found: its id, and whether this evaluation recorded it first
 * ({@code fresh}) or an earlier or concurrent one had (the idempotency key was taken).
 */
public record Recorded(long id, boolean fresh) {
}
