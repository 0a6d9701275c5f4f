package com.trustwatch.outbox;

import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.RefusingSmtpServer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message the mail server refuses for good (a 5xx reply, such as 550 for a mailbox that does not
 * exist) goes dead at its first attempt, with the server's reason, into the exception queue; one
 * refused for now (4xx) waits for a retry like any other failure (issue 10, F).
 */
@MicronautTest(transactional = false)
class PermanentRefusalIT extends IntegrationTest {

    static final RefusingSmtpServer SMTP = start();

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Dispatcher dispatcher;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("javamail.properties.mail.smtp.port", Integer.toString(SMTP.port()), "trustwatch.mail.max-attempts", "6");
    }

    @AfterAll
    void stop() throws IOException {
        SMTP.close();
    }

    @Test
    @DisplayName("a 550 for the billing contact makes the request a dead letter at once, with the reason; a 451 waits for a retry; the rest is sent")
    void permanentRefusalIsDeadAtOnce() {
        Api api = new Api(http.toBlocking());
        put(api, "M-2026-5501", "gone.client@client.example");
        put(api, "M-2026-5502", "busy.client@client.example");
        Api.Reply run = api.postJson("scheduler", "/api/evaluations",
                Map.of("asOf", "2026-11-20", "matters", List.of("M-2026-5501", "M-2026-5502"), "includeActions", false));
        assertThat(run.status()).as(String.valueOf(run.body())).isEqualTo(200);
        dispatcher.dispatchNow();

        Map<String, Object> gone = request(api, "M-2026-5501");
        assertThat(gone).containsEntry("state", "DEAD").containsEntry("attempts", 1);
        assertThat(gone.get("lastError").toString()).contains("refused the message for good").contains("550 5.1.1");
        assertThat(api.get("billing", "/api/exceptions?kind=DEAD_LETTER&matter=M-2026-5501").list()).singleElement()
                .satisfies(x -> assertThat(x.get("summary").toString()).contains("after 1 attempt(s)").contains("550"));

        Map<String, Object> busy = request(api, "M-2026-5502");
        assertThat(busy).containsEntry("state", "FAILED").containsEntry("attempts", 1);
        assertThat(busy.get("lastError").toString()).contains("451");
        assertThat(api.get("billing", "/api/exceptions?kind=DEAD_LETTER&matter=M-2026-5502").list()).isEmpty();

        assertThat(SMTP.accepted()).as("the internal messages went out").contains("attorney@firm.example")
                .noneMatch(a -> a.startsWith("gone") || a.startsWith("busy"));
    }

    private static void put(Api api, String number, String billingContact) {
        Map<String, Object> matter = new HashMap<>();
        matter.put("matterName", "Refused mail " + number);
        matter.put("clientId", "C-" + number);
        matter.put("clientName", "Client of " + number);
        matter.put("billingContactEmail", billingContact);
        matter.put("attorneyEmail", "attorney@firm.example");
        matter.put("feeType", "HOURLY");
        matter.put("retainerType", "EVERGREEN");
        matter.put("status", "OPEN");
        matter.put("trustBalance", "1240.00");
        matter.put("originalRetainer", "5000.00");
        matter.put("floor", "2500.00");
        matter.put("lastReconciledOn", "2026-11-01");
        assertThat(api.putJson("billing", "/api/matters/" + number, matter).status()).isEqualTo(201);
    }

    private static Map<String, Object> request(Api api, String matter) {
        return api.get("admin", "/api/outbox?matter=" + matter).list().stream()
                .filter(o -> "REPLENISHMENT_REQUEST".equals(o.get("actionType"))).findFirst().orElseThrow();
    }

    private static RefusingSmtpServer start() {
        try {
            return new RefusingSmtpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
