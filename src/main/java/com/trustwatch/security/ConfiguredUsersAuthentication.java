package com.trustwatch.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;

/** HTTP Basic authentication against the configured logins; failures feed the {@link LoginThrottle}. */
@Singleton
class ConfiguredUsersAuthentication<B> implements HttpRequestAuthenticationProvider<B> {

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
