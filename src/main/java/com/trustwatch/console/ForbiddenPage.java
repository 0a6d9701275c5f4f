package com.trustwatch.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * A signed-in person who opens a console page their role does not open, or sends a form the service
 * refuses (their role may not, or it lacks the session's CSRF token), gets a page that says so, in the
 * console's frame with their own menu (403, HTML), instead of the API's JSON refusal and a Basic-auth
 * challenge that makes a browser ask for a password. Only for a browser (a request that accepts
 * text/html) with a signed-in user; everything else (no credentials, API callers) is answered as
 * micronaut-security answers it ({@link DefaultAuthorizationExceptionHandler}). The page is rendered
 * here, with the model the views filter would add (the sign-out form's CSRF token): a refusal by the
 * security filter never reaches the views filter.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class ForbiddenPage extends DefaultAuthorizationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ForbiddenPage.class);

    private final ThymeleafViewsRenderer<Map<String, Object>> views;
    private final ViewsModelDecorator decorator;

    ForbiddenPage(ErrorResponseProcessor<?> errorResponseProcessor, RedirectConfiguration redirectConfiguration,
                  RedirectService redirectService,
                  List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> wwwAuthenticateChallengeProviders,
                  @Nullable PriorToLoginPersistence priorToLoginPersistence,
                  ThymeleafViewsRenderer<Map<String, Object>> views, ViewsModelDecorator decorator) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, wwwAuthenticateChallengeProviders,
                priorToLoginPersistence);
        this.views = views;
        this.decorator = decorator;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (!exception.isForbidden() || exception.getAuthentication() == null || !fromBrowser(request)) {
            return super.handle(request, exception);
        }
        HttpRequest<?> r = request;
        String roles = String.join(", ", exception.getAuthentication().getRoles());
        boolean form = !HttpMethod.GET.equals(r.getMethod()) && !HttpMethod.HEAD.equals(r.getMethod());
        Map<String, Object> m = Pages.model(r, exception.getAuthentication(),
                form ? "Form refused" : "Not a page for your role", "");
        boolean anyPage = m.get("menu") instanceof List<?> menu && !menu.isEmpty();
        // the CSRF filter refuses a form without this session's token through the same exception, so a refused
        // form may be either; a page (GET) is refused only for the role
        m.put("message", (form
                ? "This form was refused and nothing was changed: either it did not carry this session's token (reload"
                + " the page and send it again) or your role (" + roles + ") may not do this."
                : "Your role (" + roles + ") does not open this page.")
                + (anyPage ? " The menu above lists the pages you can open." : " This login is for the API, not the console."));
        ModelAndView<Map<String, Object>> page = new ModelAndView<>("refused", m);
        decorator.decorate(r, page);
        StringWriter html = new StringWriter();
        try {
            views.render("refused", page.getModel().orElse(m), r).writeTo(html);
        } catch (IOException | RuntimeException e) {
            LOG.error("the refusal page could not be rendered; answering as the API does", e);
            return super.handle(request, exception);
        }
        return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_HTML_TYPE).body(html.toString());
    }

    private static boolean fromBrowser(HttpRequest<?> request) {
        return request.accept().stream().anyMatch(type -> MediaType.TEXT_HTML.equals(type.getName()));
    }
}
