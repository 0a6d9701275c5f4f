package com.trustwatch.support;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * Base of the integration tests: a fresh database on the real MySQL-protocol server, real SMTP
 * (GreenMail) as the mail server, the test clock, and one login per role. Subclasses add
 * {@code @MicronautTest(transactional = false)} and may add properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IntegrationTest implements TestPropertyProvider {

    public static final String PASSWORD = "test-secret";
    /** How the logins are configured: a bcrypt hash, at the lowest cost so that tests stay quick. */
    public static final String PASSWORD_HASH = com.trustwatch.security.PasswordHashes.hash(PASSWORD, 4);
    protected String jdbcUrl;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        jdbcUrl = TestDatabase.freshDatabase();
        // a free port: application.yml fixes 8080, which another build or a running service may hold
        p.put("micronaut.server.port", "-1");
        p.put("datasources.default.url", jdbcUrl);
        p.put("datasources.default.username", TestDatabase.user());
        p.put("datasources.default.password", TestDatabase.password());
        // a free port: application.yml's 8080 may be taken by a running service or another build's tests
        p.put("micronaut.server.port", "-1");
        p.put("trustwatch.mail.mode", "smtp");
        p.put("trustwatch.mail.dispatch-interval", "1h");
        p.put("javamail.properties.mail.smtp.host", "127.0.0.1");
        p.put("javamail.properties.mail.smtp.port", Integer.toString(TestMail.port()));
        p.put("trustwatch.firm.billing-manager-email", "billing.manager@firm.example");
        p.put("trustwatch.firm.practice-group-leader-email", "pgl@firm.example");
        p.put("trustwatch.firm.managing-partner-email", "managing.partner@firm.example");
        p.put("trustwatch.firm.bookkeeper-email", "bookkeeper@firm.example");
        for (String[] user : new String[][]{{"admin", "ADMIN"}, {"scheduler", "SCHEDULER"},
                {"billing", "BILLING_MANAGER"}, {"ethics", "ETHICS_COUNSEL"}, {"attorney", "ATTORNEY"}}) {
            p.put("trustwatch.security.users." + user[0] + ".password", PASSWORD_HASH);
            p.put("trustwatch.security.users." + user[0] + ".roles", user[1]);
        }
        p.putAll(checkpointProperties());
        p.putAll(extraProperties());
        return p;
    }

    private Map<String, String> checkpoints;

    /**
     * This class's own audit checkpoint file and signing key, in a fresh folder: checkpoints of another
     * test's database must never be compared with this one's chain.
     */
    protected Map<String, String> checkpointProperties() {
        if (checkpoints == null) {
            try {
                java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("trustwatch-audit-");
                checkpoints = Map.of("trustwatch.audit.checkpoint-file", dir.resolve("audit-checkpoints.txt").toString(),
                        "trustwatch.audit.key-file", dir.resolve("audit-checkpoint.key").toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return checkpoints;
    }

    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    /** A plain connection to this class's database, outside the application (to count or tamper). */
    protected java.sql.Connection db() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl, TestDatabase.user(), TestDatabase.password());
    }

    protected long count(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = db(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    protected static String demoRoster() throws java.io.IOException {
        try (java.io.InputStream in = IntegrationTest.class.getResourceAsStream("/demo/roster.csv")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
