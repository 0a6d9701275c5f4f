package com.trustwatch.support;

import com.trustwatch.outbox.Dispatcher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Base of the integration tests: a fresh database on the real MySQL-protocol server, real SMTP
 * (GreenMail) as the mail server, the test clock, and one login per role. Subclasses add
 * {@code @MicronautTest(transactional = false)} and may add properties.
 *
 * <p>Every test is independent of the others: before each one the database, the {@link TestClock}, the
 * mail server and the audit checkpoint file are put back as they were when the class's first test
 * started (the migrated, empty schema, the clock at {@link TestClock#START}, no mail, no checkpoint,
 * plus whatever a {@code @BeforeAll} added), and the ruleset in force is the one the database then
 * says is active. So
 * each test builds its own fixture, best with the named steps of {@link #given()}, and runs alone
 * ({@code -Dit.test=SomeIT#method}) or in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IntegrationTest implements TestPropertyProvider {

    public static final String PASSWORD = "test-secret";
    /** How the logins are configured: a bcrypt hash, at the lowest cost so that tests stay quick. */
    public static final String PASSWORD_HASH = com.trustwatch.security.PasswordHashes.hash(PASSWORD, 4);
    protected String jdbcUrl;

    private Map<String, String> properties;
    private ApplicationContext application;
    private Api api;
    private boolean started;
    private Instant clockAtStart;
    private TestMail.Mailboxes mailAtStart;
    private String checkpointsAtStart;

    /** This class's configuration (one fresh database per class: the same map on every call). */
    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = Map.copyOf(configuration());
        }
        return properties;
    }

    private Map<String, String> configuration() {
        Map<String, String> p = new HashMap<>();
        jdbcUrl = TestDatabase.freshDatabase();
        p.put("datasources.default.url", jdbcUrl);
        p.put("datasources.default.username", TestDatabase.user());
        p.put("datasources.default.password", TestDatabase.password());
        // a free port: application.yml's 8080 may be taken by a running service or another build's tests
        p.put("micronaut.server.port", "-1");
        // a service started as a process of its own reads no application-test.yml: keep its files under target/ too
        p.put("trustwatch.rules.cache-dir", "target/test-data/ruleset-cache");
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

    /**
     * This class's configuration for the service started as a process of its own ({@link ServiceProcess}):
     * the same database, mail server, firm addresses and logins, on a port of its own.
     */
    protected Map<String, String> configurationForAProcess() {
        Map<String, String> p = new HashMap<>(getProperties());
        p.remove("micronaut.server.port");
        return p;
    }

    /** Called by Micronaut when it injects the test: the application under test and a client of its HTTP port. */
    @Inject
    public void underTest(ApplicationContext application, @Client("/") HttpClient http) {
        this.application = application;
        this.api = new Api(http.toBlocking());
    }

    /** The service's HTTP API, called as a user would (see {@link Api}). */
    protected Api api() {
        return api;
    }

    /** The named steps that build a test's starting state: {@code given().theDemoRoster().drawdown(...)}. */
    protected Fixture given() {
        return new Fixture(api, application.findBean(Dispatcher.class).orElse(null), clock(), this::db);
    }

    @BeforeAll
    void emptyTheMailServerForThisClass() throws Exception {
        TestMail.server().purgeEmailFromAllMailboxes();
    }

    @BeforeEach
    void backToTheStartingPoint() {
        TestClock clock = clock();
        if (!started) {
            TestDatabase.backToStart(jdbcUrl); // the first call records the starting point
            clockAtStart = clock == null ? null : clock.instant();
            mailAtStart = TestMail.mailboxes();
            checkpointsAtStart = readCheckpointFile();
            started = true;
            return;
        }
        // A dispatch pass the last test's evaluation started in the background may still be sending. With
        // the outbox emptied it finds nothing more to send; dispatchNow() waits for it to end, so that it
        // cannot write into this test's data.
        try (java.sql.Connection c = db(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM outbox");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot empty the outbox of " + jdbcUrl, e);
        }
        application.findBean(Dispatcher.class).ifPresent(Dispatcher::dispatchNow);
        TestDatabase.backToStart(jdbcUrl);
        // The ruleset in force and the sign-off holds follow the database: a version a test activated goes
        // back with it now, not at the next poll, so that the next test's evaluations run the starting rules.
        application.findBean(com.trustwatch.policy.ActivationWatch.class).ifPresent(com.trustwatch.policy.ActivationWatch::refresh);
        application.findBean(com.trustwatch.policy.SignOffPack.class).ifPresent(com.trustwatch.policy.SignOffPack::refreshHolds);
        if (clock != null) {
            clock.set(clockAtStart);
        }
        TestMail.backTo(mailAtStart);
        writeCheckpointFile(checkpointsAtStart);
    }

    /** The audit checkpoint file is the chain's anchor outside the database: it goes back with the database. */
    private java.nio.file.Path checkpointFile() {
        String file = getProperties().get("trustwatch.audit.checkpoint-file");
        return file == null ? null : java.nio.file.Path.of(file);
    }

    private String readCheckpointFile() {
        java.nio.file.Path file = checkpointFile();
        try {
            return file == null || !java.nio.file.Files.exists(file) ? null : java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void writeCheckpointFile(String content) {
        java.nio.file.Path file = checkpointFile();
        if (file == null) {
            return;
        }
        try {
            if (content == null) {
                java.nio.file.Files.deleteIfExists(file);
            } else {
                java.nio.file.Files.writeString(file, content);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TestClock clock() {
        return application.findBean(TestClock.class).orElse(null);
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
        return Fixture.demoRoster();
    }
}
