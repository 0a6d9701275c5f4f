package com.trustwatch.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;

/** HTTP Basic authentication against the configured logins. */
@Singleton
class ConfiguredUsersAuthentication<B> implements HttpRequestAuthenticationProvider<B> {

    private final UserDirectory users;

    ConfiguredUsersAuthentication(UserDirectory users) {
        this.users = users;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> auth) {
        return users.authenticate(auth.getIdentity(), auth.getSecret())
                .map(roles -> AuthenticationResponse.success(auth.getIdentity(), roles))
                .orElseGet(() -> AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH));
    }
}
