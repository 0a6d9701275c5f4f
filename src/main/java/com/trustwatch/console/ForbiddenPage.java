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
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * A signed-in person who opens a console page their role does not open, or sends a form the service
 * refuses (their role may not, or it lacks the session's CSRF token), gets a page that says so, in the
 * console's frame with their own menu (403, HTML), instead of the API's JSON refusal and a Basic-auth
 * challenge that makes a browser ask for a password. Only for a browser (a request that accepts
 * text/html) with a signed-in user; everything else (no credentials, API callers) is answered as
 * micronaut-security answers it ({@link DefaultAuthorizationExceptionHandler}). A refusal by the security
 * filter never reaches the views filter, so the page comes from {@link RefusalPages}.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class ForbiddenPage extends DefaultAuthorizationExceptionHandler {

    private final RefusalPages pages;

    ForbiddenPage(ErrorResponseProcessor<?> errorResponseProcessor, RedirectConfiguration redirectConfiguration,
                  RedirectService redirectService,
                  List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> wwwAuthenticateChallengeProviders,
                  @Nullable PriorToLoginPersistence priorToLoginPersistence,
                  RefusalPages pages) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, wwwAuthenticateChallengeProviders,
                priorToLoginPersistence);
        this.pages = pages;
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
        return pages.render(r, m).<MutableHttpResponse<?>>map(html -> HttpResponse.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.TEXT_HTML_TYPE).body(html)).orElseGet(() -> super.handle(request, exception));
    }

    private static boolean fromBrowser(HttpRequest<?> request) {
        return request.accept().stream().anyMatch(type -> MediaType.TEXT_HTML.equals(type.getName()));
    }
}
