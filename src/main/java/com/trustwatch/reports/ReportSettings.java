package com.trustwatch.reports;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * trustwatch.reports.*: the trust-account supervisor who receives the monthly email of the reports.
 * Without {@code supervisor-email} no report email is prepared or sent (the trigger says so).
 *
 * @param supervisorEmail the supervisor's address, one address
 * @param supervisorName  how the email greets them ("Dear Dana Whitfield,"); absent: "Hello,"
 */
@ConfigurationProperties("trustwatch.reports")
public record ReportSettings(@Nullable String supervisorEmail, @Nullable String supervisorName) {

    /** The address, or null when none is configured (absent or blank). */
    public String address() {
        return supervisorEmail == null || supervisorEmail.isBlank() ? null : supervisorEmail.strip();
    }
}
