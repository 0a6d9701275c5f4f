package com.trustwatch.rules;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * trustwatch.rules.*: where the ruleset is read from. Relative paths resolve against the working
 * directory; a deployed service points these at its own copy of rules/ and decision-tables/.
 * With {@code require-signoff} the service refuses to start while any compliance pack's current
 * text lacks ethics counsel's sign-off.
 * {@code cache-dir} keeps the compiled ruleset between starts (blank: no cache); a stale or missing
 * file only means the ruleset is compiled from source, as without a cache.
 */
@ConfigurationProperties("trustwatch.rules")
public record RulesSettings(
        @Bindable(defaultValue = "rules") String rulesDir,
        @Bindable(defaultValue = "decision-tables") String tablesDir,
        @Bindable(defaultValue = "false") boolean requireSignoff,
        @Bindable(defaultValue = "trustwatch-data/ruleset-cache") String cacheDir) {
}
