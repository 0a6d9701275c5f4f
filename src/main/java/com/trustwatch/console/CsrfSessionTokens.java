package com.trustwatch.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.csrf.generator.CsrfTokenGenerator;
import io.micronaut.session.Session;
import io.micronaut.session.SessionStore;
import io.micronaut.session.http.SessionForRequest;
import jakarta.inject.Singleton;

/**
 * The CSRF token of a browser session, kept in the session (synchronizer token): micronaut-security-csrf
 * compares every console form's {@code csrfToken} field with it, and micronaut-views puts it into every
 * page's model as {@code csrfToken}. Written here because micronaut-security-csrf's own hook for this
 * needs micronaut-security-session 4.11 or later, which the registry this project builds from does not
 * serve (docs/console.md).
 */
@Singleton
public class CsrfSessionTokens {

    private final SessionStore<Session> sessionStore;
    private final CsrfTokenGenerator<HttpRequest<?>> generator;
    private final CsrfConfiguration csrf;

    CsrfSessionTokens(SessionStore<Session> sessionStore, CsrfTokenGenerator<HttpRequest<?>> generator,
                      CsrfConfiguration csrf) {
        this.sessionStore = sessionStore;
        this.generator = generator;
        this.csrf = csrf;
    }

    /** The token of the request's session, creating the session and the token when there is none (the sign-in page). */
    public String ensure(HttpRequest<?> request) {
        Session session = SessionForRequest.find(request).orElseGet(() -> SessionForRequest.create(sessionStore, request));
        return session.get(csrf.getHttpSessionName(), String.class).orElseGet(() -> fresh(request, session));
    }

    /** A new token in {@code session}, replacing any earlier one. */
    public String fresh(HttpRequest<?> request, Session session) {
        String token = generator.generateCsrfToken(request);
        session.put(csrf.getHttpSessionName(), token);
        return token;
    }
}
