package com.trustwatch.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;

import java.util.List;
import java.util.Set;

/**
 * Refuses, with 400 naming it, an {@code If-Match} or {@code If-None-Match} on a write to an API
 * endpoint that does not read it: such an endpoint issues no entity tags, so the write would be made
 * unconditionally while the caller believed it conditional. An endpoint that honours them reads them
 * as {@code @Header} arguments ({@code PUT /api/matters/{n}}, {@link Preconditions}). Reads are left
 * alone: a cache revalidating a GET sends {@code If-None-Match} of its own accord.
 */
@ServerFilter("/api/**")
public class UnreadPreconditions implements Ordered {

    private static final List<String> HEADERS = List.of(HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH);
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @RequestFilter
    @Nullable
    HttpResponse<ApiError> refuse(HttpRequest<?> request) {
        if (!WRITES.contains(request.getMethod())) {
            return null;
        }
        for (String header : HEADERS) {
            if (request.getHeaders().contains(header) && !readBy(request, header)) {
                FieldError error = new FieldError(null, header, "is not read by " + request.getMethodName() + " "
                        + Echo.plain(request.getPath(), 200) + ", which issues no entity tags: the request would be"
                        + " made unconditionally; send it without " + header);
                return HttpResponse.badRequest(ApiError.of("Refused; nothing was changed: " + error, error));
            }
        }
        return null;
    }

    private static boolean readBy(HttpRequest<?> request, String header) {
        return RouteAttributes.getRouteMatch(request).filter(r -> r instanceof MethodBasedRouteMatch<?, ?>)
                .map(r -> ((MethodBasedRouteMatch<?, ?>) r).getArguments()).stream().flatMap(java.util.Arrays::stream)
                .map(Argument::getAnnotationMetadata)
                .anyMatch(a -> a.hasAnnotation(Header.class) && a.stringValue(Header.class).orElse("").equalsIgnoreCase(header));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
