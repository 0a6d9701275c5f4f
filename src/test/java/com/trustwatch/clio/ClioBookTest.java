package com.trustwatch.clio;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.trustwatch.booksync.SourceMatter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.StringReader;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One Clio matter record (Clio's documented shape) read into the book's fields. */
class ClioBookTest {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final ClioMapping MAPPING = ClioMapping.parse(new StringReader(
            "custom-fields:\n  4401: floor\n  4402: clientTier\nvalues:\n  clientTier: {Gold: TIER_1}\n"
                    + "defaults:\n  feeType: HOURLY\n"), "mapping.yml");
    final ClioBook book = new ClioBook(null, null, null, null);

    static JsonNode matter(int index) throws Exception {
        try (InputStream in = ClioBookTest.class.getResourceAsStream("/connectors/clio/matters-page1.json")) {
            return JSON.readTree(in).path("data").get(index);
        }
    }

    @Test
    @DisplayName("the Henderson record: number, name, client as billing contact, attorney, practice area, trust accounts summed apart from operating, the floor and tier from custom fields by id, each with its source")
    void henderson() throws Exception {
        SourceMatter m = book.map(matter(0), MAPPING);
        assertThat(m.sourceId()).isEqualTo("1500231");
        assertThat(m.matterNumber()).isEqualTo("2026-0042");
        assertThat(m.fields()).containsEntry("matterName", "Henderson - custody modification")
                .containsEntry("status", "OPEN").containsEntry("clientId", "clio-880101")
                .containsEntry("billingContactEmail", "dana.henderson@example.com")
                .containsEntry("billingContactPhone", "+1 555-555-0142")
                .containsEntry("attorneyName", "Priya Raman").containsEntry("practiceArea", "Family Law")
                .containsEntry("trustBalance", "1850.25").containsEntry("floor", "2500.00")
                .containsEntry("clientTier", "TIER_1");
        assertThat(m.sources()).containsEntry("floor", "custom field 4401 'Trust floor'")
                .containsEntry("trustBalance", "account_balances (type Trust)");
        assertThat(m.problems()).isEmpty();
        assertThat(m.defaults()).isEqualTo(Map.of("feeType", "HOURLY"));
        assertThat(m.balanceOnly()).isFalse();
    }

    @Test
    @DisplayName("without a mapped floor field, Clio's evergreen-retainer minimum is the floor; a closed matter carries its close date")
    void evergreenMinimumAndClosed() throws Exception {
        JsonNode record = matter(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) record).put("status", "closed").put("close_date", "2026-11-20");
        SourceMatter m = book.map(record, ClioMapping.empty());
        assertThat(m.fields()).containsEntry("floor", "2500").containsEntry("status", "CLOSED")
                .containsEntry("closedOn", "2026-11-20").doesNotContainKey("clientTier");
        assertThat(m.sources()).containsEntry("floor", "evergreen_retainer.minimum_threshold");
    }

    @Test
    @DisplayName("what cannot be read is a problem naming the field and where it came from: a picklist label with no mapping, an unknown status, no account balances")
    void problems() throws Exception {
        JsonNode record = matter(0);
        String text = record.toString().replace("\"option\":\"Gold\"", "\"option\":\"Platinum\"")
                .replace("\"status\":\"open\"", "\"status\":\"archived\"");
        com.fasterxml.jackson.databind.node.ObjectNode odd = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(text);
        odd.remove("account_balances");
        SourceMatter m = book.map(odd, MAPPING);
        assertThat(m.problems()).containsOnlyKeys("clientTier", "status", "trustBalance");
        assertThat(m.problems().get("clientTier")).contains("custom field 4402 'Retainer tier'").contains("'Platinum'");
        assertThat(m.problems().get("status")).contains("'archived'");
        assertThat(m.problems().get("trustBalance")).contains("account_balances");
    }
}
