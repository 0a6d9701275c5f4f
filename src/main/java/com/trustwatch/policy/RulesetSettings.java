package com.trustwatch.policy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * trustwatch.rulesets.*: how ruleset versions change.
 *
 * @param requireSecondApprover a version must be approved by another billing manager or admin than
 *                              the one who uploaded it (four eyes); a firm of one turns it off
 * @param pollInterval          how often each replica checks the database for an activation made on
 *                              another replica (it then switches within this time plus a compile,
 *                              usually from the cache)
 * @param previewChanges        at most this many matters' changes listed in a preview answer (the
 *                              totals always cover the whole book)
 */
@ConfigurationProperties("trustwatch.rulesets")
public record RulesetSettings(
        @Bindable(defaultValue = "true") boolean requireSecondApprover,
        @Bindable(defaultValue = "5s") Duration pollInterval,
        @Bindable(defaultValue = "1000") int previewChanges) {
}
