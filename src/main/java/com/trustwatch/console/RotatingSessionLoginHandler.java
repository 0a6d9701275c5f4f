package com.trustwatch.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import io.micronaut.security.session.SessionLoginHandler;
import io.micronaut.session.Session;
import io.micronaut.session.SessionStore;
import io.micronaut.session.http.HttpSessionFilter;
import io.micronaut.session.http.SessionForRequest;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * Sign-in through the console form: a NEW session id for the signed-in session (the stock handler
 * keeps the one the sign-in page made, which would let whoever planted that id ride on the login),
 * a fresh CSRF token in it, and a 303 to the console's home. A failed sign-in goes back to the form.
 */
@Singleton
@Replaces(SessionLoginHandler.class)
@Requires(property = "micronaut.security.authentication", value = "session")
class RotatingSessionLoginHandler implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {

    private final SessionStore<Session> sessionStore;
    private final CsrfSessionTokens csrfTokens;
    private final RedirectService redirects;

    RotatingSessionLoginHandler(SessionStore<Session> sessionStore, CsrfSessionTokens csrfTokens,
                                RedirectService redirects) {
        this.sessionStore = sessionStore;
        this.csrfTokens = csrfTokens;
        this.redirects = redirects;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        SessionForRequest.find(request).ifPresent(old -> sessionStore.deleteSession(old.getId()));
        request.getAttributes().remove(HttpSessionFilter.SESSION_ATTRIBUTE);
        Session session = SessionForRequest.create(sessionStore, request);
        session.put(SecurityFilter.AUTHENTICATION, authentication);
        csrfTokens.fresh(request, session);
        return HttpResponse.seeOther(URI.create(redirects.loginSuccessUrl()));
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken, HttpRequest<?> request) {
        throw new UnsupportedOperationException("a session sign-in has no refresh token");
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse failure, HttpRequest<?> request) {
        return HttpResponse.seeOther(URI.create(redirects.loginFailureUrl()));
    }
}
