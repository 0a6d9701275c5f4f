package com.trustwatch.action;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * trustwatch.requests.*: what a client request promises besides the amount (DESIGN.md, "The
 * replenishment request names …"), fixed when the request is decided.
 *
 * @param deadlineBusinessDays the client is asked to pay within this many business days of the
 *                             evaluation's as-of date (DESIGN.md: five)
 * @param drawdownLookBackDays the letter lists drawdowns since the last replenishment, or for this
 *                             many days before the as-of date when none is recorded
 * @param reviewFirstRequests  hold every first request of a low-balance episode for an attorney or a
 *                             billing manager to release (Clio's approval step), not only those the
 *                             rules hold (active litigation, a negative client ledger)
 */
@ConfigurationProperties("trustwatch.requests")
public record RequestSettings(
        @Bindable(defaultValue = "5") int deadlineBusinessDays,
        @Bindable(defaultValue = "90") int drawdownLookBackDays,
        @Bindable(defaultValue = "false") boolean reviewFirstRequests) {

    /** The hold a firm that reviews every first request puts on one. */
    public static final String FIRST_REQUEST_REVIEW = "FIRST_REQUEST_REVIEW";
}
