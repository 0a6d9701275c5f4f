package com.trustwatch.operations;

import com.trustwatch.policy.PackStatus;
import com.trustwatch.policy.SignOffPack;
import com.trustwatch.rules.ActiveRuleset;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readiness: a ruleset is in force (it is built at startup; without one nothing can be evaluated). Its
 * details count the compliance packs whose current text is not signed off, read from the sign-offs as
 * they stand now (a sign-off given a minute ago counts).
 */
@Singleton
@Readiness
class RulesetHealth implements HealthIndicator {

    private final ActiveRuleset ruleset;
    private final SignOffPack signoffs;

    RulesetHealth(ActiveRuleset ruleset, SignOffPack signoffs) {
        this.ruleset = ruleset;
        this.signoffs = signoffs;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthResult.Builder result = HealthResult.builder("ruleset");
        try {
            var r = ruleset.get();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("version", r.version());
            details.put("rules", r.catalogue().size());
            details.put("packsWithoutSignoff", signoffs.packs().stream().filter(p -> !PackStatus.SIGNED_OFF.equals(p.status())).count());
            result.status(HealthStatus.UP).details(details);
        } catch (RuntimeException e) {
            result.status(HealthStatus.DOWN).details(Map.of("error", String.valueOf(e.getMessage())));
        }
        return io.micronaut.core.async.publisher.Publishers.just(result.build());
    }
}
