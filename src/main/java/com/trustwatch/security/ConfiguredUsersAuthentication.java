package com.trustwatch.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;

/**
 * HTTP Basic and the console's sign-in form, against the configured logins; failures feed the
 * {@link LoginThrottle}. Runs on the blocking executor: a bcrypt check takes tens of milliseconds,
 * too long for an event-loop thread.
 */
@Singleton
class ConfiguredUsersAuthentication<B> implements HttpRequestExecutorAuthenticationProvider<B> {

    private final UserDirectory users;
    private final LoginThrottle throttle;
    private final LoginThrottleSettings settings;

    ConfiguredUsersAuthentication(UserDirectory users, LoginThrottle throttle, LoginThrottleSettings settings) {
        this.users = users;
        this.throttle = throttle;
        this.settings = settings;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> auth) {
        String user = auth.getIdentity();
        // Basic logins are held off by LoginThrottleFilter; the console's form is held off here, alike:
        // while locked, the password is not even looked at
        if (request != null && LoginThrottleFilter.basicUser(request) == null
                && throttle.locked(user, LoginThrottleFilter.clientAddress(request, settings)).isPresent()) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        var roles = users.authenticate(user, auth.getSecret());
        if (roles.isPresent()) {
            throttle.succeeded(user);
            return AuthenticationResponse.success(user, roles.get());
        }
        throttle.failed(user, request == null ? null : LoginThrottleFilter.clientAddress(request, settings),
                users.knows(user));
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }
}
