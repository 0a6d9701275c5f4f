package com.trustwatch.lifecycle;

import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestMail;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up evaluation at start decides the synthetic demo roster with the ruleset in force and
 * leaves no trace: no evaluation, action, outbox row, episode, exception item or audit entry, no mail,
 * and the firm's book exactly as it was.
 */
@MicronautTest(transactional = false)
class WarmUpIT extends IntegrationTest {

    @Inject
    WarmUp warmUp;

    @Override
    protected Map<String, String> extraProperties() {
        // the tests' configuration turns it off everywhere else
        return Map.of("trustwatch.startup.warm-up", "true");
    }

    @Test
    @DisplayName("the warm-up at start decides the synthetic roster under the ruleset in force, hashes a throwaway password, writes JSON, and records, sends and lists nothing")
    void warmUpAtStartLeavesNoTrace() throws Exception {
        WarmUp.Result result = warmUp.done().get(5, TimeUnit.MINUTES);

        assertThat(result.matters()).isEqualTo(12);
        assertThat(result.proposals()).as("the rules decided something for the synthetic matters").isPositive();
        assertThat(result.planned()).isPositive();
        assertThat(result.passwordChecked()).as("the throwaway password matched its own hash").isTrue();
        assertThat(result.jsonBytes()).as("JSON written").isPositive();
        Map<String, Long> rows = rowCounts();
        rows.keySet().removeAll(STARTUP_TABLES);
        assertThat(rows).as("rows in the tables a start does not fill").isNotEmpty().allSatisfy((table, n) ->
                assertThat(n).as("rows in " + table).isZero());
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind NOT LIKE 'RULESET%'"))
                .as("audit entries other than the ruleset's seeding").isZero();
        assertThat(api().get("scheduler", "/api/evaluations").list()).as("evaluations listed").isEmpty();
        assertThat(TestMail.server().getReceivedMessages()).as("mail received").isEmpty();
    }

    @Test
    @DisplayName("a warm-up on a service that holds a book leaves every table exactly as it was and sends nothing")
    void warmUpOnABookChangesNothing() throws Exception {
        given().theDemoRoster();
        warmUp.done().get(5, TimeUnit.MINUTES);
        Map<String, String> before = checksums();
        int mailBefore = TestMail.server().getReceivedMessages().length;

        WarmUp.Result result = warmUp.run();

        assertThat(result.proposals()).isPositive();
        assertThat(checksums()).as("every table's checksum").isEqualTo(before);
        assertThat(TestMail.server().getReceivedMessages()).hasSize(mailBefore);
    }

    /** What a start itself writes: the schema's history, the seeded ruleset version, the audit of that seeding. */
    private static final List<String> STARTUP_TABLES = List.of("flyway_schema_history", "ruleset_version",
            "ruleset_workbook", "ruleset_head", "audit_entry", "audit_head");

    private List<String> tables(Statement s) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = db(); Statement s = c.createStatement()) {
            for (String table : tables(s)) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                    rs.next();
                    out.put(table, rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Every table of the schema with its checksum over all rows (MariaDB's CHECKSUM TABLE). */
    private Map<String, String> checksums() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db(); Statement s = c.createStatement()) {
            for (String table : tables(s)) {
                try (ResultSet rs = s.executeQuery("CHECKSUM TABLE `" + table + "` EXTENDED")) {
                    rs.next();
                    out.put(table, rs.getString(2));
                }
            }
        }
        assertThat(out).as("tables found").containsKeys("matter", "evaluation", "planned_action", "outbox",
                "audit_entry");
        return out;
    }
}
