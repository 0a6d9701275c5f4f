package com.trustwatch.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * trustwatch.input.*: the limits on what callers send and receive that an operator may tune. Every
 * default is here and only here (docs/operations.md, "Accepted input", lists them). The fixed
 * ranges (dates 1900-01-01 to 2199-12-31, amounts below one trillion dollars) are in {@link Dates}
 * and {@code money.Money}.
 *
 * @param asOfPastDays    how many days before the firm's today an evaluation's asOf may lie
 * @param asOfFutureDays  how many days after the firm's today an evaluation's asOf may lie
 * @param pageSize        items on a page of a list when the caller does not say ({@code size})
 * @param maxPageSize     the most items a page holds, whatever the caller asks
 */
@ConfigurationProperties("trustwatch.input")
public record InputSettings(
        @Bindable(defaultValue = "366") int asOfPastDays,
        @Bindable(defaultValue = "366") int asOfFutureDays,
        @Bindable(defaultValue = "100") int pageSize,
        @Bindable(defaultValue = "1000") int maxPageSize) {
}
