package com.trustwatch.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * trustwatch.security.login-throttle.*: how failed logins slow down further attempts
 * (docs/operations.md, "Failed logins").
 *
 * @param userFreeFailures     failed logins for one user name before it is locked
 * @param addressFreeFailures  failed logins from one client address (any user names) before it is locked;
 *                             higher than the user's, because an office behind one address shares it
 * @param firstLock            the first lock; each further failure doubles it
 * @param maxLock              the longest lock
 * @param forgetAfter          failures older than this (with no lock running) are forgotten
 * @param clientAddressHeader  behind a reverse proxy, the header in which it passes the client address
 *                             (for example {@code X-Forwarded-For}; its last entry is used, the one the
 *                             proxy added); empty: the address of the TCP connection
 * @param maxTracked           user names and addresses remembered at once; beyond it the oldest are dropped
 */
@ConfigurationProperties("trustwatch.security.login-throttle")
public record LoginThrottleSettings(
        @Bindable(defaultValue = "5") int userFreeFailures,
        @Bindable(defaultValue = "20") int addressFreeFailures,
        @Bindable(defaultValue = "2s") Duration firstLock,
        @Bindable(defaultValue = "15m") Duration maxLock,
        @Bindable(defaultValue = "1h") Duration forgetAfter,
        @Nullable String clientAddressHeader,
        @Bindable(defaultValue = "100000") int maxTracked) {
}
