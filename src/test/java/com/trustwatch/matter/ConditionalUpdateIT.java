package com.trustwatch.matter;

import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A matter's {@code ETag} and the {@code If-Match} / {@code If-None-Match} preconditions on its PUT
 * (RFC 9110 §13): an update made against a version someone has changed since is refused, not made.
 */
@MicronautTest(transactional = false)
class ConditionalUpdateIT extends IntegrationTest {

    private static final String HENDERSON = "/api/matters/M-2024-0847";

    private Map<String, Object> editable(Map<String, Object> matter) {
        Map<String, Object> body = new LinkedHashMap<>(matter);
        body.keySet().retainAll(Set.of("matterName", "clientId", "clientName", "feeType", "retainerType", "status",
                "trustBalance", "floor", "attorneyName", "attorneyEmail", "jurisdiction"));
        return body;
    }

    @Test
    @DisplayName("a GET answers the matter's ETag; a PUT with it updates and answers the new one; a second PUT with the old one is refused 412 and changes nothing")
    void lostUpdateIsRefused() {
        given().theDemoRoster();
        Api.Reply read = api().get("billing", HENDERSON);
        String tag = read.header("ETag");
        assertThat(tag).matches("\"[0-9a-f]{32}\"");
        assertThat(api().get("billing", HENDERSON).header("ETag")).as("the same matter, the same tag").isEqualTo(tag);

        Map<String, Object> mine = editable(read.json());
        mine.put("floor", "3000.00");
        Api.Reply first = api().putJson("billing", HENDERSON, mine, Map.of("If-Match", tag));
        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        String after = first.header("ETag");
        assertThat(after).isNotEqualTo(tag).isEqualTo(api().get("billing", HENDERSON).header("ETag"));

        Map<String, Object> theirs = editable(read.json());
        theirs.put("floor", "2000.00");
        Api.Reply stale = api().putJson("admin", HENDERSON, theirs, Map.of("If-Match", tag));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("message").toString()).startsWith("Refused; nothing was changed: If-Match: matter"
                + " M-2024-0847 has changed since the version named (its entity tag is now " + after + ")");
        assertThat(api().get("billing", HENDERSON).json()).containsEntry("floor", "3000.00");

        assertThat(api().putJson("admin", HENDERSON, theirs, Map.of("If-Match", "W/" + after)).status())
                .as("If-Match compares strongly: a weak tag never matches").isEqualTo(412);
        assertThat(api().putJson("admin", HENDERSON, theirs, Map.of("If-Match", "\"other\", " + after)).status())
                .as("one of a list").isEqualTo(200);
        assertThat(api().get("billing", HENDERSON).json()).containsEntry("floor", "2000.00");

        // a header on several lines is one list: the current tag on the second line is read
        String now = api().get("billing", HENDERSON).header("ETag");
        theirs.put("floor", "2100.00");
        assertThat(api().putJson("admin", HENDERSON, theirs, java.util.List.of(Map.entry("If-None-Match", "\"other\""),
                Map.entry("If-None-Match", now))).status()).as("If-None-Match naming the current tag on its second line")
                .isEqualTo(412);
        assertThat(api().putJson("admin", HENDERSON, theirs, java.util.List.of(Map.entry("If-Match", "\"other\""),
                Map.entry("If-Match", now))).status()).as("If-Match naming it on its second line").isEqualTo(200);
        assertThat(api().get("billing", HENDERSON).json()).containsEntry("floor", "2100.00");
    }

    @Test
    @DisplayName("If-Match: * updates only an existing matter, If-None-Match: * creates only a new one; a header that is not * or entity tags is refused 400 naming it")
    void existenceAndSyntax() {
        given().theDemoRoster();
        Map<String, Object> fresh = editable(api().get("billing", HENDERSON).json());
        fresh.put("matterName", "A new matter");
        Api.Reply noSuch = api().putJson("billing", "/api/matters/M-2099-0001", fresh, Map.of("If-Match", "*"));
        assertThat(noSuch.status()).isEqualTo(412);
        assertThat(noSuch.json().get("message").toString()).contains("matter M-2099-0001 does not exist, so nothing was created");
        assertThat(api().get("billing", "/api/matters/M-2099-0001").status()).isEqualTo(404);

        Api.Reply created = api().putJson("billing", "/api/matters/M-2099-0001", fresh, Map.of("If-None-Match", "*"));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(created.header("ETag")).matches("\"[0-9a-f]{32}\"");
        Api.Reply again = api().putJson("billing", "/api/matters/M-2099-0001", fresh, Map.of("If-None-Match", "*"));
        assertThat(again.status()).isEqualTo(412);
        assertThat(again.json().get("message").toString()).contains("only if it does not exist; it does");
        assertThat(api().putJson("billing", "/api/matters/M-2099-0001", fresh, Map.of("If-Match", "*")).status())
                .isEqualTo(200);

        Api.Reply unquoted = api().putJson("billing", HENDERSON, fresh, Map.of("If-Match", "0f3a9c"));
        assertThat(unquoted.status()).isEqualTo(400);
        assertThat(unquoted.json().get("message").toString()).contains("If-Match").contains("must be * or a list of entity tags");
        assertThat(api().get("billing", HENDERSON).json()).containsEntry("matterName", "Henderson Matter");
    }

    @Test
    @DisplayName("an endpoint that issues no entity tags refuses If-Match or If-None-Match on a write, naming it, rather than write unconditionally")
    void otherWritesRefuseTheHeaders() {
        given().theDemoRoster();
        Api.Reply consent = api().putJson("billing", "/api/sms/consents/+14155550100", Map.of("status", "GRANTED",
                "source", "signed engagement letter", "givenAt", "2026-11-01T10:00:00Z"), Map.of("If-Match", "\"abc\""));
        assertThat(consent.status()).isEqualTo(400);
        assertThat(consent.json().get("message").toString()).contains("If-Match: is not read by PUT /api/sms/consents/")
                .contains("issues no entity tags");
        Api.Reply ledger = api().postJson("billing", HENDERSON + "/transactions", Map.of("type", "DEPOSIT", "amount", "10.00"),
                Map.of("If-None-Match", "*"));
        assertThat(ledger.status()).isEqualTo(400);
        assertThat(ledger.json().get("message").toString()).contains("If-None-Match");
        assertThat(api().get("billing", HENDERSON + "/transactions").list()).as("nothing recorded")
                .noneSatisfy(t -> assertThat(t.get("amount")).isEqualTo("10.00"));
    }
}
