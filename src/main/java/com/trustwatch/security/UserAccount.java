package com.trustwatch.security;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * A login from configuration: {@code trustwatch.security.users.<name>.password} and {@code .roles}.
 * Set them through environment variables or a config file outside the repository, for example
 * {@code TRUSTWATCH_SECURITY_USERS_SCHEDULER_PASSWORD}. The password is a bcrypt hash
 * ({@link PasswordHashes}; {@code java -jar trustwatch.jar hash-password} makes one); anything else
 * stops startup.
 */
@EachProperty("trustwatch.security.users")
public record UserAccount(@Parameter String name, @Nullable String password, @Nullable List<String> roles) {
}
