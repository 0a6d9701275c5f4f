package com.trustwatch.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses, with 400 naming it, a query parameter the API endpoint does not read, as an unknown JSON
 * field is refused: {@code GET /api/outbox?status=DEAD} (the filter is {@code state}) would otherwise
 * list every row as if filtered, and {@code POST /api/evaluations?asOf=2026-11-20} (the date belongs in
 * the body) would evaluate another day. The parameters an endpoint reads are its {@code @QueryValue}
 * arguments. Endpoints that others call unauthenticated on their own terms (payment and SMS webhooks,
 * the OAuth callback, which RFC 9207 lets add {@code iss}) are left as they are. Runs after security, so
 * a caller without a login learns nothing about parameters. The console's pages answer the same
 * refusal as a page of their own.
 */
@ServerFilter("/api/**")
public class UnknownQueryParameters implements Ordered {

    /** A query parameter the route does not read, and the ones it does (sorted). */
    public record Unread(String name, Set<String> read) {

        /** The refusal, naming the parameter and what the route reads. */
        public FieldError error(HttpRequest<?> request) {
            return new FieldError(null, Echo.plain(name, Echo.MAX_VALUE), "is not a parameter of "
                    + request.getMethodName() + " " + Echo.plain(request.getPath(), 200)
                    + (read.isEmpty() ? ", which reads none" : ", which reads " + String.join(", ", read)));
        }
    }

    /**
     * The first query parameter (in name order) that the request's route does not read, if any; empty as
     * well when the request has no method route or the route is open to anonymous callers.
     */
    public static Optional<Unread> firstUnread(HttpRequest<?> request) {
        if (request.getParameters().isEmpty()) {
            return Optional.empty();
        }
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        if (!(route instanceof MethodBasedRouteMatch<?, ?> method) || anonymous(method)) {
            return Optional.empty();
        }
        Set<String> read = new TreeSet<>();
        for (Argument<?> argument : method.getArguments()) {
            if (argument.getAnnotationMetadata().hasAnnotation(QueryValue.class)) {
                read.add(argument.getAnnotationMetadata().stringValue(QueryValue.class).filter(n -> !n.isEmpty())
                        .orElse(argument.getName()));
            }
        }
        return new TreeSet<>(request.getParameters().names()).stream().filter(name -> !read.contains(name))
                .findFirst().map(name -> new Unread(name, read));
    }

    @RequestFilter
    @Nullable
    HttpResponse<ApiError> refuse(HttpRequest<?> request) {
        return firstUnread(request).map(u -> {
            FieldError error = u.error(request);
            return HttpResponse.<ApiError>badRequest(ApiError.of("Refused; nothing was changed: " + error, error));
        }).orElse(null);
    }

    private static boolean anonymous(MethodBasedRouteMatch<?, ?> method) {
        return Arrays.asList(method.getAnnotationMetadata().stringValues(Secured.class)).contains(SecurityRule.IS_ANONYMOUS);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
