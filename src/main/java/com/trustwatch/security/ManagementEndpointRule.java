package com.trustwatch.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Who may read the sensitive management endpoints ({@code /info}, {@code /prometheus}): ADMIN and
 * MONITORING logins; any other login gets 403, no login 401. Micronaut Security refuses every sensitive
 * endpoint (with an error, which answered {@code /info} with 500) until an application says this.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
class ManagementEndpointRule extends SensitiveEndpointRule {

    ManagementEndpointRule(EndpointSensitivityProcessor endpointSensitivityProcessor) {
        super(endpointSensitivityProcessor);
    }

    @Override
    @NonNull
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(@NonNull HttpRequest<?> request,
                                                                        @NonNull Authentication authentication,
                                                                        @NonNull ExecutableMethod<?, ?> method) {
        boolean may = authentication.getRoles().contains(Roles.ADMIN) || authentication.getRoles().contains(Roles.MONITORING);
        return Publishers.just(may ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }
}
