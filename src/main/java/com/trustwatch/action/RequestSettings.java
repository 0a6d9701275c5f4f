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
 */
@ConfigurationProperties("trustwatch.requests")
public record RequestSettings(
        @Bindable(defaultValue = "5") int deadlineBusinessDays,
        @Bindable(defaultValue = "90") int drawdownLookBackDays) {
}
