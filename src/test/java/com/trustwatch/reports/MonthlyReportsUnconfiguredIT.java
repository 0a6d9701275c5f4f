package com.trustwatch.reports;

import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a supervisor address configured there is no report email: the trigger says which setting is missing and queues nothing. */
@MicronautTest(transactional = false)
class MonthlyReportsUnconfiguredIT extends IntegrationTest {

    @Test
    @DisplayName("with no supervisor address configured the trigger answers 409 naming the setting, and nothing is prepared or queued")
    void noAddressNoEmail() throws Exception {
        given().theDemoRoster().clockAt(Instant.parse("2026-12-01T17:00:00Z"));
        Api.Reply reply = api().postJson("scheduler", "/api/reports/monthly?month=2026-11", Map.of());
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(409);
        assertThat(reply.json().get("message").toString()).contains("nothing was queued")
                .contains("trustwatch.reports.supervisor-email is not set");
        assertThat(count("SELECT COUNT(*) FROM outbox")).isZero();
        assertThat(count("SELECT COUNT(*) FROM report_mail")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'REPORT_QUEUED'")).isZero();
    }
}
