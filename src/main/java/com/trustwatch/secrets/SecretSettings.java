package com.trustwatch.secrets;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * trustwatch.secrets.*: the keys that seal secrets stored in the database (Clio's OAuth tokens,
 * webhook subscription secrets). Keys are base64 of 32 random bytes ({@code openssl rand -base64 32}),
 * named by an id; {@code active-key-id} seals new values, every configured key opens the values
 * sealed under it (rotation: add a key, make it active, keep the old one until nothing uses it).
 *
 * @param activeKeyId the key that seals new values; unset means no secret can be stored
 * @param keys        key id to base64 key, e.g. {@code TRUSTWATCH_SECRETS_KEYS_K2026}
 */
@ConfigurationProperties("trustwatch.secrets")
public record SecretSettings(@Nullable String activeKeyId, @Nullable Map<String, String> keys) {
}
