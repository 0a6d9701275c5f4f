package com.trustwatch.policy;

import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.trustwatch.fixtures.Workbooks.TIERS;
import static com.trustwatch.fixtures.Workbooks.shipped;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ruleset upload is read as strictly as a JSON body: a part the service does not understand (a
 * misspelt {@code notes}, a workbook sent under another name, a second note) refuses the whole upload
 * with 400 naming the part, and no version is created.
 */
@MicronautTest(transactional = false)
class RulesetUploadPartsIT extends IntegrationTest {

    private static final MediaType XLSX = MediaType.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    @Test
    @DisplayName("a text part named 'notes' instead of 'note' is refused with 400 naming it, and no version is created")
    void misspeltNoteIsRefused() {
        int before = versions();
        Api.Reply reply = api().postFiles("billing", "/api/rulesets", Map.of(TIERS, shipped(TIERS)),
                Map.of("notes", "Tier 2 at 21 days"));
        assertRefused(reply, "notes");
        assertThat(versions()).isEqualTo(before);
    }

    @Test
    @DisplayName("a workbook sent as a part named 'workbook' instead of 'file' is refused with 400 naming it")
    void workbookUnderAnotherNameIsRefused() {
        int before = versions();
        MultipartBody body = MultipartBody.builder().addPart("workbook", TIERS, XLSX, shipped(TIERS))
                .addPart("note", "Tier 2 at 21 days").build();
        assertRefused(api().postParts("billing", "/api/rulesets", body), "workbook");
        assertThat(versions()).isEqualTo(before);
    }

    @Test
    @DisplayName("two note parts are refused: which one was meant is not guessed")
    void secondNoteIsRefused() {
        int before = versions();
        MultipartBody body = MultipartBody.builder().addPart("file", TIERS, XLSX, shipped(TIERS))
                .addPart("note", "first").addPart("note", "second").build();
        assertRefused(api().postParts("billing", "/api/rulesets", body), "note");
        assertThat(versions()).isEqualTo(before);
    }

    @SuppressWarnings("unchecked")
    private static void assertRefused(Api.Reply reply, String part) {
        assertThat(reply.status()).isEqualTo(400);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) reply.json().get("errors");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e).containsEntry("field", part));
    }

    private int versions() {
        return api().get("billing", "/api/rulesets").list().size();
    }
}
