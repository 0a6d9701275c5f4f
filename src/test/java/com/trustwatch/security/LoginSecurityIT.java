package com.trustwatch.security;

import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Guessing passwords over HTTP, and what an anonymous caller can learn about paths. */
@MicronautTest(transactional = false)
class LoginSecurityIT extends IntegrationTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TestClock clock;
    @Inject
    MeterRegistry meters;

    /** Status and Retry-After of one call. */
    record Answer(int status, String retryAfter) {
    }

    Answer call(MutableHttpRequest<?> request) {
        try {
            HttpResponse<Object> r = http.toBlocking().exchange(request, Argument.OBJECT_ARGUMENT);
            return new Answer(r.code(), r.getHeaders().get("Retry-After"));
        } catch (HttpClientResponseException e) {
            return new Answer(e.getStatus().getCode(), e.getResponse().getHeaders().get("Retry-After"));
        }
    }

    @Test
    @DisplayName("60 wrong passwords for one login: the first 6 get 401, the other 54 get 429 with Retry-After and no password check; the right one waits for the lock")
    void sixtyWrongPasswords() {
        double failedBefore = meters.counter("trustwatch.logins.failed", "reason", "bad_credentials").count();
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            answers.add(call(HttpRequest.GET("/api/rules").basicAuth("ethics", "guess-" + i)));
        }
        assertThat(answers.subList(0, 6)).allSatisfy(a -> assertThat(a.status()).isEqualTo(401));
        assertThat(answers.subList(6, 60)).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(429);
            assertThat(a.retryAfter()).isEqualTo("2");
        });
        assertThat(meters.counter("trustwatch.logins.failed", "reason", "bad_credentials").count() - failedBefore)
                .isEqualTo(6);

        assertThat(call(HttpRequest.GET("/api/rules").basicAuth("ethics", PASSWORD)).status())
                .as("the right password during the lock").isEqualTo(429);
        assertThat(call(HttpRequest.GET("/api/rules").basicAuth("billing", PASSWORD)).status())
                .as("another login from the same address").isEqualTo(200);

        clock.advanceSeconds(2);
        assertThat(call(HttpRequest.GET("/api/rules").basicAuth("ethics", PASSWORD)).status()).isEqualTo(200);
        assertThat(call(HttpRequest.GET("/api/rules").basicAuth("ethics", "wrong-again")).status())
                .as("the success cleared the count").isEqualTo(401);
    }

    @Test
    @DisplayName("without credentials an unknown path answers 401 like a known one; with credentials it is a 404")
    void unknownPaths() {
        for (String path : List.of("/api/rules", "/api/no-such-thing", "/no/such/path", "/api/matters/M-1/nothing",
                "/prometheus", "/info")) {
            assertThat(call(HttpRequest.GET(path)).status()).as("anonymous GET %s", path).isEqualTo(401);
        }
        assertThat(call(HttpRequest.POST("/api/nothing-here", Map.of())).status()).isEqualTo(401);
        assertThat(call(HttpRequest.GET("/api/no-such-thing").basicAuth("admin", PASSWORD)).status()).isEqualTo(404);
        assertThat(call(HttpRequest.GET("/api/no-such-thing").basicAuth("admin", "wrong")).status()).isEqualTo(401);
    }
}
