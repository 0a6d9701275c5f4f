package com.trustwatch.console;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a form body in full before any other filter runs. Without it a console form POST answers 500
 * now and then: micronaut-security-csrf's filter waits for the form body asynchronously and, when the
 * body arrives in a later network packet than the headers (usual for browsers), micronaut-core
 * 4.10.26–4.10.36 hands the next filter a null context (NullPointerException "newFilterContext is
 * null"). With the body already buffered the CSRF check completes at once. {@code CsrfSlowBodyIT}
 * sends the body late to keep this honest.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class FormBodyBufferingFilter implements Ordered {

    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    @RequestFilter
    CompletableFuture<HttpRequest<?>> buffer(HttpRequest<?> request) {
        boolean form = request.getContentType().map(MediaType.APPLICATION_FORM_URLENCODED_TYPE::equals).orElse(false);
        if (!form || !METHODS.contains(request.getMethod()) || !(request instanceof ServerHttpRequest<?> server)) {
            return CompletableFuture.completedFuture(request);
        }
        try (CloseableByteBody copy = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)) {
            return copy.buffer().thenApply(buffered -> {
                buffered.close();
                return request;
            });
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
