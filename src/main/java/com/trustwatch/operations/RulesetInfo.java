package com.trustwatch.operations;

import com.trustwatch.rules.ActiveRuleset;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.endpoint.info.InfoSource;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/** {@code /info}: the ruleset in force, next to the build (META-INF/build-info.properties, written by Maven). */
@Singleton
class RulesetInfo implements InfoSource {

    private final ActiveRuleset ruleset;

    RulesetInfo(ActiveRuleset ruleset) {
        this.ruleset = ruleset;
    }

    @Override
    public Publisher<PropertySource> getSource() {
        var r = ruleset.get();
        return Publishers.just(new MapPropertySource("ruleset", Map.of("ruleset", Map.of(
                "version", r.version(), "rules", r.catalogue().size()))));
    }
}
