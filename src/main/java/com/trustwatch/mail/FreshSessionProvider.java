package com.trustwatch.mail;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.email.javamail.sender.DefaultSessionProvider;
import io.micronaut.email.javamail.sender.MailPropertiesProvider;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.Session;

/**
 * A mail Session built from this application context's settings. The default provider uses
 * {@code Session.getDefaultInstance}, which caches the first settings for the whole JVM: a second
 * context (another SMTP server, a changed port) would silently keep talking to the first.
 */
@Singleton
@Replaces(DefaultSessionProvider.class)
class FreshSessionProvider implements SessionProvider {

    private final Session session;

    FreshSessionProvider(MailPropertiesProvider properties, @Nullable Authenticator authenticator) {
        java.util.Properties props = new java.util.Properties();
        props.putAll(properties.mailProperties());
        if (authenticator != null) {
            props.put("mail.smtp.auth", "true");
        }
        this.session = Session.getInstance(props, authenticator);
    }

    @Override
    public Session session() {
        return session;
    }
}
