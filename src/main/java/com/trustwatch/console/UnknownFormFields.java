package com.trustwatch.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;

/**
 * A console form posted with a field its action does not read ({@code reasn} for {@code reason} on a
 * held request's decline, a script's stray {@code amount} on an approve) answers 400 with a page naming
 * the field and the ones the action reads, and changes nothing, as the API refuses an unknown JSON
 * field. The fields an action reads are its method's arguments other than the path's, the request and
 * the signed-in person, plus the form's {@code csrfToken}. The form body is already buffered
 * ({@link FormBodyBufferingFilter}), so reading it here waits for nothing. Multipart uploads are read
 * by their own strict reader.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class UnknownFormFields implements Ordered {

    private final RefusalPages pages;

    UnknownFormFields(RefusalPages pages) {
        this.pages = pages;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuse(HttpRequest<?> request) {
        boolean form = request.getContentType().map(MediaType.APPLICATION_FORM_URLENCODED_TYPE::equals).orElse(false);
        if (!form || !HttpMethod.POST.equals(request.getMethod()) || !UnknownPageParameters.consolePage(request)
                || !(request instanceof ServerHttpRequest<?> server)) {
            return null;
        }
        Authentication user = request.getUserPrincipal(Authentication.class).orElse(null);
        MethodBasedRouteMatch<?, ?> route = RouteAttributes.getRouteMatch(request)
                .filter(r -> r instanceof MethodBasedRouteMatch<?, ?>).map(r -> (MethodBasedRouteMatch<?, ?>) r).orElse(null);
        if (user == null || route == null) {
            return null;
        }
        String body = body(server);
        if (body == null) {
            return null;
        }
        Set<String> read = reads(route);
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!read.contains(name) && !"csrfToken".equals(name)) {
                String why = "The form sent a field this action does not have: "
                        + com.trustwatch.web.Echo.of(name)
                        + (read.isEmpty() ? " (it reads none)" : " (it reads " + String.join(", ", read) + ")")
                        + ". Nothing was changed; go back, reload the page and use its form.";
                return pages.notUnderstood(request, user, why);
            }
        }
        return null;
    }

    /** The buffered form body, or null if it is not buffered yet (it always is, after the buffering filter). */
    @Nullable
    private static String body(ServerHttpRequest<?> server) {
        try (CloseableByteBody copy = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)) {
            var buffered = copy.buffer().getNow(null);
            if (buffered == null) {
                return null;
            }
            try (buffered) {
                return buffered.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static Set<String> reads(MethodBasedRouteMatch<?, ?> route) {
        Set<String> read = new TreeSet<>();
        for (Argument<?> a : route.getArguments()) {
            Class<?> type = a.getType();
            if (a.getAnnotationMetadata().hasAnnotation(PathVariable.class) || HttpRequest.class.isAssignableFrom(type)
                    || Authentication.class.isAssignableFrom(type) || Principal.class.isAssignableFrom(type)) {
                continue;
            }
            read.add(a.getName());
        }
        return read;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
