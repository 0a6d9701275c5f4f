package com.trustwatch.security;

/**
 * Who may do what. The scheduler triggers evaluations; billing managers manage matters, tables and
 * the exception queue; attorneys release (approve, amend, decline) the client requests held for a
 * person, as billing managers may; ethics counsel read rules and the audit; monitoring (a metrics
 * scraper) reads {@code /info} and {@code /prometheus} and nothing else; admin does everything.
 */
public final class Roles {
    public static final String SCHEDULER = "SCHEDULER";
    public static final String BILLING_MANAGER = "BILLING_MANAGER";
    public static final String ATTORNEY = "ATTORNEY";
    public static final String ETHICS_COUNSEL = "ETHICS_COUNSEL";
    public static final String ADMIN = "ADMIN";
    public static final String MONITORING = "MONITORING";

    private Roles() {
    }
}
