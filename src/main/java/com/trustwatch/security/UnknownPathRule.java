package com.trustwatch.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * A path no route serves: a logged-in user is let through to the router's 404; without credentials
 * the request is refused with 401 like any other ({@code micronaut.security.reject-not-found}), so an
 * anonymous caller cannot tell which paths exist. Runs after every other rule.
 */
@Singleton
class UnknownPathRule implements SecurityRule<HttpRequest<?>> {

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request != null && authentication != null && RouteAttributes.getRouteMatch(request).isEmpty()) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        return Publishers.just(SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }
}
