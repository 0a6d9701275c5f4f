package com.trustwatch.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.handlers.LogoutHandler;
import io.micronaut.security.session.SessionLogoutHandler;
import io.micronaut.session.Session;
import io.micronaut.session.SessionStore;
import io.micronaut.session.http.HttpSessionConfiguration;
import io.micronaut.session.http.HttpSessionFilter;
import io.micronaut.session.http.SessionForRequest;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * Sign-out: the whole session is deleted (the stock handler only drops the login from it) and the
 * browser is told to forget the cookie; then back to the sign-in page.
 */
@Singleton
@Replaces(SessionLogoutHandler.class)
@Requires(property = "micronaut.security.authentication", value = "session")
class InvalidatingSessionLogoutHandler implements LogoutHandler<HttpRequest<?>, MutableHttpResponse<?>> {

    private final SessionStore<Session> sessionStore;
    private final RedirectService redirects;
    private final HttpSessionConfiguration sessionConfig;

    InvalidatingSessionLogoutHandler(SessionStore<Session> sessionStore, RedirectService redirects,
                                     HttpSessionConfiguration sessionConfig) {
        this.sessionStore = sessionStore;
        this.redirects = redirects;
        this.sessionConfig = sessionConfig;
    }

    @Override
    public MutableHttpResponse<?> logout(HttpRequest<?> request) {
        SessionForRequest.find(request).ifPresent(s -> sessionStore.deleteSession(s.getId()));
        request.getAttributes().remove(HttpSessionFilter.SESSION_ATTRIBUTE);
        return HttpResponse.seeOther(URI.create(redirects.logoutUrl()))
                .cookie(Cookie.of(sessionConfig.getCookieName(), "")
                        .path(sessionConfig.getCookiePath().orElse("/")).maxAge(0).httpOnly(true));
    }
}
