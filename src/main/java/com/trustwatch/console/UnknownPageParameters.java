package com.trustwatch.console;

import com.trustwatch.web.UnknownQueryParameters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * A console page opened with a query parameter it does not read ({@code /book?bands=BREACH}, a typo of
 * {@code band}) answers 400 with a page naming the parameter and the ones the page reads, instead of
 * the whole list as if it were filtered; the API's lists refuse the same way in JSON
 * ({@link UnknownQueryParameters}). Only for a signed-in person's GET of a console page (forms carry
 * their fields in the body). The page is rendered here, as {@link ForbiddenPage} renders its own: a filter's answer never
 * reaches the views filter.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class UnknownPageParameters implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(UnknownPageParameters.class);

    private final ThymeleafViewsRenderer<Map<String, Object>> views;
    private final ViewsModelDecorator decorator;

    UnknownPageParameters(ThymeleafViewsRenderer<Map<String, Object>> views, ViewsModelDecorator decorator) {
        this.views = views;
        this.decorator = decorator;
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
        Map<String, Object> m = Pages.model(request, user, "Not understood", "");
        m.put("message", unread.error(request) + ". Nothing is shown as if it had been understood.");
        ModelAndView<Map<String, Object>> page = new ModelAndView<>("refused", m);
        decorator.decorate(request, page);
        StringWriter html = new StringWriter();
        try {
            views.render("refused", page.getModel().orElse(m), request).writeTo(html);
        } catch (IOException | RuntimeException e) {
            LOG.error("the refusal page could not be rendered; answering in plain text", e);
            return HttpResponse.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN_TYPE)
                    .body(unread.error(request).toString());
        }
        return HttpResponse.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_HTML_TYPE).body(html.toString());
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
