package com.trustwatch.webhook;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    static final String SECRET = "twsec_7hN2kQ9vX4mB8pL1";
    static final long T = 1767225600L;
    static final String BODY = "{\"id\":\"evt_01JF3K8Z\",\"type\":\"matter.stop_work\",\"created\":1767225600,"
            + "\"data\":{\"matter_number\":\"2026-0042\",\"trust_balance\":\"0.00\",\"floor\":\"2500.00\"}}";
    /** The known answer printed in docs/operations.md, checked there with the Python and Node snippets. */
    static final String V1 = "849d7849f26be3878b8ddef0c54b4654f55490f6ab8446a9df0abaac5e907541";

    static Clock at(long seconds) {
        return Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
    }

    @Test
    @DisplayName("the documented known-answer vector: HMAC-SHA256 over timestamp, a dot and the raw body")
    void knownAnswer() throws Exception {
        assertThat(WebhookSignature.sign(BODY, T, SECRET)).isEqualTo("t=" + T + ",v1=" + V1);
        WebhookSignature.verify("t=" + T + ",v1=" + V1, BODY, SECRET, 300, at(T + 300));
    }

    @Test
    @DisplayName("refused: a wrong secret, a changed body, a timestamp more than the tolerance old or ahead, no header, no v1")
    void refusals() {
        String header = WebhookSignature.sign(BODY, T, SECRET);
        assertThatThrownBy(() -> WebhookSignature.verify(header, BODY, "another-secret-000", 300, at(T)))
                .isInstanceOf(WebhookSignature.Refused.class);
        assertThatThrownBy(() -> WebhookSignature.verify(header, BODY.replace("0.00", "9.00"), SECRET, 300, at(T)))
                .isInstanceOf(WebhookSignature.Refused.class);
        assertThatThrownBy(() -> WebhookSignature.verify(header, BODY, SECRET, 300, at(T + 301)))
                .isInstanceOf(WebhookSignature.Refused.class);
        assertThatThrownBy(() -> WebhookSignature.verify(header, BODY, SECRET, 300, at(T - 301)))
                .isInstanceOf(WebhookSignature.Refused.class);
        assertThatThrownBy(() -> WebhookSignature.verify(null, BODY, SECRET, 300, at(T)))
                .isInstanceOf(WebhookSignature.Refused.class);
        assertThatThrownBy(() -> WebhookSignature.verify("t=" + T, BODY, SECRET, 300, at(T)))
                .isInstanceOf(WebhookSignature.Refused.class);
    }

    @Test
    @DisplayName("during a secret rotation any matching v1 is accepted")
    void rotation() throws Exception {
        String header = WebhookSignature.sign(BODY, T, "old-secret-0123456789") + ",v1=" + V1;
        WebhookSignature.verify(header, BODY, SECRET, 300, at(T));
    }
}
