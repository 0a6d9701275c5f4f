package com.trustwatch.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * A signed-in person who opens a console page their role does not open gets a page that says so, in the
 * console's frame with their own menu (403, HTML), instead of the API's JSON refusal and a Basic-auth
 * challenge that makes a browser ask for a password. Only for a browser (a request that accepts
 * text/html) with a signed-in user; everything else (no credentials, API callers) is answered as
 * micronaut-security answers it ({@link DefaultAuthorizationExceptionHandler}).
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class ForbiddenPage extends DefaultAuthorizationExceptionHandler {

    ForbiddenPage(ErrorResponseProcessor<?> errorResponseProcessor, RedirectConfiguration redirectConfiguration,
                  RedirectService redirectService,
                  List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> wwwAuthenticateChallengeProviders,
                  @Nullable PriorToLoginPersistence priorToLoginPersistence) {
        super(errorResponseProcessor, redirectConfiguration, redirectService, wwwAuthenticateChallengeProviders,
                priorToLoginPersistence);
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (!exception.isForbidden() || exception.getAuthentication() == null || !fromBrowser(request)) {
            return super.handle(request, exception);
        }
        HttpRequest<?> r = request;
        Map<String, Object> m = Pages.model(r, exception.getAuthentication(), "Not a page for your role", "");
        m.put("message", "Your role (" + String.join(", ", exception.getAuthentication().getRoles())
                + ") does not open this page. The menu above lists the pages you can open.");
        return HttpResponse.status(HttpStatus.FORBIDDEN).body(new ModelAndView<>("refused", m))
                .contentType(MediaType.TEXT_HTML_TYPE);
    }

    private static boolean fromBrowser(HttpRequest<?> request) {
        return request.accept().stream().anyMatch(type -> MediaType.TEXT_HTML.equals(type.getName()));
    }
}
