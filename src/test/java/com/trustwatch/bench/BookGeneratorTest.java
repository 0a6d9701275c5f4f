package com.trustwatch.bench;

import com.trustwatch.matter.Jurisdiction;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BookGeneratorTest {

    private final BookGenerator generator = new BookGenerator();

    @Test
    @DisplayName("the same seed gives the same book, and any matter can be made on its own")
    void deterministic() {
        List<Matter> once = generator.matters(7, 500).toList();
        assertThat(generator.matters(7, 500).toList()).isEqualTo(once);
        assertThat(generator.matter(7, 321)).isEqualTo(once.get(321));
        assertThat(generator.matters(8, 500).toList()).isNotEqualTo(once);
    }

    @Test
    @DisplayName("matter numbers are unique, clients hold several matters, money is at cent scale and jurisdictions are valid")
    void realisticBook() {
        List<Matter> book = generator.matters(BaselineAgreement.SEED, 5_000).toList();
        assertThat(book.stream().map(Matter::matterNumber).distinct().count()).isEqualTo(5_000);
        assertThat(book).allSatisfy(m -> assertThat(m.matterNumber()).matches("M-20\\d\\d-\\d{4,}"));
        Map<String, Long> perClient = book.stream().collect(Collectors.groupingBy(Matter::clientId, Collectors.counting()));
        assertThat(perClient.values().stream().filter(n -> n > 1).count()).isGreaterThan(perClient.size() / 3);
        assertThat(book).allSatisfy(m -> Stream.of(m.trustBalance(), m.originalRetainer(), m.floor(), m.refillTarget(),
                        m.monthlyBilling()).filter(v -> v != null)
                .forEach(v -> assertThat(v.scale()).isEqualTo(2)));
        assertThat(book).allSatisfy(m -> assertThat(Jurisdiction.normalise(m.jurisdiction())).isEqualTo(m.jurisdiction()));
        assertThat(book).filteredOn(m -> m.status() == MatterStatus.CLOSED)
                .isNotEmpty().allSatisfy(m -> assertThat(m.closedOn()).isNotNull())
                .anySatisfy(m -> assertThat(m.trustBalance()).isPositive());
        assertThat(book).anySatisfy(m -> assertThat(m.trustBalance()).isNegative());
        assertThat(book).anySatisfy(m -> assertThat(m.floor()).isNull());
        assertThat(book).anySatisfy(m -> assertThat(m.monthlyBilling()).isNull());
        assertThat(book).anySatisfy(m -> assertThat(m.clientTier()).isNotNull());
        assertThat(book).anySatisfy(m -> assertThat(m.isPaymentPlan()).isTrue());
        Set<String> jurisdictions = book.stream().map(Matter::jurisdiction).collect(Collectors.toSet());
        assertThat(jurisdictions).contains("ABA", "US-CA", "US-NY", "US-TX", "US-FL", "US-IL", "US-WA", "US-MA", "US-NJ",
                "US-OH");
    }

    @Test
    @DisplayName("the roster CSV has exactly the DESIGN.md columns and one row per matter that reads back to the same values")
    void rosterCsv() throws IOException {
        StringWriter out = new StringWriter();
        generator.writeRosterCsv(3, 200, out);
        try (CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString()))) {
            assertThat(csv.getHeaderNames()).containsExactlyInAnyOrderElementsOf(Set.of(
                    "matter_number", "matter_name", "client_id", "client_name", "client_tier", "billing_contact_name",
                    "billing_contact_email", "billing_contact_phone", "sms_consent", "attorney_name", "attorney_email",
                    "jurisdiction", "practice_area", "fee_type", "retainer_type", "status", "closed_on", "trust_balance",
                    "original_retainer", "floor", "refill_target", "monthly_billing", "last_replenished_on",
                    "last_reconciled_on", "payment_plan"));
            List<CSVRecord> rows = csv.getRecords();
            List<Matter> book = generator.matters(3, 200).toList();
            assertThat(rows).hasSize(200);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                CSVRecord row = rows.get(i);
                Matter m = book.get(i);
                assertThat(row.get("matter_number")).isEqualTo(m.matterNumber());
                assertThat(new BigDecimal(row.get("trust_balance"))).isEqualTo(m.trustBalance());
                assertThat(row.get("floor")).isEqualTo(m.floor() == null ? "" : m.floor().toPlainString());
                seen.add(row.get("status"));
            }
            assertThat(seen).contains("OPEN");
        }
    }
}
