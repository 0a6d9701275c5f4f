package com.trustwatch.console;

import com.trustwatch.web.UnknownQueryParameters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;


/**
 * A console page opened with a query parameter it does not read ({@code /book?bands=BREACH}, a typo of
 * {@code band}) answers 400 with a page naming the parameter and the ones the page reads, instead of
 * the whole list as if it were filtered; the API's lists refuse the same way in JSON
 * ({@link UnknownQueryParameters}). Only for a signed-in person's GET of a console page (forms carry
 * their fields in the body). A filter's answer never reaches the views filter, so the page comes from
 * {@link RefusalPages}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class UnknownPageParameters implements Ordered {

    private final RefusalPages pages;

    UnknownPageParameters(RefusalPages pages) {
        this.pages = pages;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuse(HttpRequest<?> request) {
        if (!HttpMethod.GET.equals(request.getMethod()) || !consolePage(request)) {
            return null;
        }
        Authentication user = request.getUserPrincipal(Authentication.class).orElse(null);
        if (user == null) {
            return null;
        }
        UnknownQueryParameters.Unread unread = UnknownQueryParameters.firstUnread(request).orElse(null);
        if (unread == null) {
            return null;
        }
        return pages.notUnderstood(request, user, unread.error(request) + ". Nothing is shown as if it had been understood.");
    }

    /** A page of the console's own controllers: management endpoints (metrics' {@code tag}) read parameters their own way. */
    static boolean consolePage(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request).filter(r -> r instanceof MethodBasedRouteMatch<?, ?>)
                .map(r -> ((MethodBasedRouteMatch<?, ?>) r).getDeclaringType().getPackageName())
                .filter(UnknownPageParameters.class.getPackageName()::equals).isPresent();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
