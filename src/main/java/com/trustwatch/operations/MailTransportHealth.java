package com.trustwatch.operations;

import com.trustwatch.mail.MailSettings;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.email.javamail.sender.SessionProvider;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import org.reactivestreams.Publisher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Readiness: mail can go out. In {@code smtp} mode an SMTP connection is opened and closed with the
 * configured server, login and timeouts (at most once per {@code trustwatch.health.mail-check-interval};
 * probes in between get the last answer); in {@code folder} mode the folder must be writable. While the
 * transport is DOWN nothing is lost: the outbox keeps every message and retries (docs/operations.md).
 */
@Singleton
@Readiness
class MailTransportHealth implements HealthIndicator {

    private final MailSettings mail;
    private final SessionProvider sessions;
    private final Clock clock;
    private final Duration interval;
    private final String server;
    private final ExecutorService blocking;
    private volatile HealthResult last;
    private volatile Instant lastAt = Instant.MIN;

    MailTransportHealth(MailSettings mail, @Nullable SessionProvider sessions, Clock clock,
                        @Value("${trustwatch.health.mail-check-interval:60s}") Duration interval,
                        @Value("${javamail.properties.mail.smtp.host:localhost}:${javamail.properties.mail.smtp.port:25}") String server,
                        @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.mail = mail;
        this.sessions = sessions;
        this.clock = clock;
        this.interval = interval;
        this.server = server;
        this.blocking = blocking;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        HealthResult cached = last;
        if (cached != null && lastAt.plus(interval).isAfter(clock.instant())) {
            return Publishers.just(cached);
        }
        // an SMTP handshake blocks: not on the event loop
        return Publishers.fromCompletableFuture(() -> java.util.concurrent.CompletableFuture.supplyAsync(this::check, blocking));
    }

    private HealthResult check() {
        HealthResult result = "smtp".equalsIgnoreCase(mail.mode()) ? smtp() : folder();
        last = result;
        lastAt = clock.instant();
        return result;
    }

    private HealthResult smtp() {
        HealthResult.Builder b = HealthResult.builder("mail");
        if (sessions == null) {
            return b.status(HealthStatus.DOWN).details(Map.of("mode", "smtp", "error", "no mail session configured")).build();
        }
        try (Transport transport = sessions.session().getTransport("smtp")) {
            transport.connect();
            return b.status(HealthStatus.UP).details(Map.of("mode", "smtp", "server", server)).build();
        } catch (MessagingException | RuntimeException e) {
            return b.status(HealthStatus.DOWN).details(Map.of("mode", "smtp", "server", server,
                    "error", e.getClass().getSimpleName() + ": " + e.getMessage())).build();
        }
    }

    private HealthResult folder() {
        Path folder = Path.of(mail.folder());
        boolean ok = Files.isDirectory(folder) ? Files.isWritable(folder)
                : folder.toAbsolutePath().getParent() != null && Files.isWritable(nearestExisting(folder.toAbsolutePath()));
        return HealthResult.builder("mail").status(ok ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("mode", "folder", "folder", folder.toAbsolutePath().toString(), "writable", ok)).build();
    }

    private static Path nearestExisting(Path p) {
        Path q = p;
        while (q != null && !Files.exists(q)) {
            q = q.getParent();
        }
        return q == null ? p.getRoot() : q;
    }
}
