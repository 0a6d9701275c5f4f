package com.trustwatch.operations;

import com.trustwatch.mail.MailSettings;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.mail.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class MailTransportHealthTest {

    static final ExecutorService POOL = Executors.newSingleThreadExecutor();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    static MailSettings settings(String mode, String folder) {
        return new MailSettings(mode, folder, null, 6, 30, 3600, 300, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    static HealthResult result(Publisher<HealthResult> publisher) {
        CompletableFuture<HealthResult> out = new CompletableFuture<>();
        publisher.subscribe(new Subscriber<>() {
            public void onSubscribe(Subscription s) {
                s.request(1);
            }

            public void onNext(HealthResult r) {
                out.complete(r);
            }

            public void onError(Throwable t) {
                out.completeExceptionally(t);
            }

            public void onComplete() {
                out.complete(null);
            }
        });
        return out.join();
    }

    @Test
    @DisplayName("readiness reports the mail transport DOWN, naming the server, when the SMTP server does not answer")
    void smtpDown() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.connectiontimeout", "2000");
        Session session = Session.getInstance(props);
        var health = new MailTransportHealth(settings("smtp", dir.toString()), () -> session,
                Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC), Duration.ofSeconds(60),
                "127.0.0.1:" + port, POOL);
        HealthResult r = result(health.getResult());
        assertThat(r.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat((Map<String, Object>) r.getDetails()).containsEntry("server", "127.0.0.1:" + port).containsKey("error");
    }

    @Test
    @DisplayName("in folder mode the transport is UP while the folder can be written")
    void folderMode() {
        var health = new MailTransportHealth(settings("folder", dir.resolve("mail").toString()), null,
                Clock.systemUTC(), Duration.ZERO, "unused", POOL);
        assertThat(result(health.getResult()).getStatus()).isEqualTo(HealthStatus.UP);
    }
}
