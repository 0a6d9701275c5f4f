package com.trustwatch.db;

import com.trustwatch.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Flyway skips its validation and class-path scan only when the database's history holds exactly the
 * shipped migrations; a new, changed or failed migration still goes through Flyway as always. Flyway is
 * configured here as the service configures it at start (the default location, then this customizer).
 */
class UnchangedMigrationsIT {

    private static final String SHIPPED = "classpath:db/migration";
    /** The shipped migrations plus one more, V900, that creates a probe table. */
    private static final String WITH_NEW = "classpath:db/unchanged-migrations-it";

    private final UnchangedMigrations check = new UnchangedMigrations();

    @Test
    @DisplayName("a database that holds exactly the shipped migrations is migrated without Flyway's validation or scan, and nothing runs")
    void unchangedSkipsValidation() {
        String url = TestDatabase.freshDatabase();
        MigrateResult first = configured(url, SHIPPED).load().migrate();
        assertThat(first.migrationsExecuted).as("a first start creates the schema").isPositive();

        FluentConfiguration again = configured(url, SHIPPED);
        check.customizeFluentConfiguration(again);

        assertThat(again.isValidateOnMigrate()).as("validation skipped").isFalse();
        assertThat(again.getResourceProvider()).as("the migrations just compared, instead of a scan").isNotNull();
        assertThat(again.load().migrate().migrationsExecuted).isZero();
    }

    @Test
    @DisplayName("Flyway's own note that it created its history table (as it writes on H2) is not taken for a migration")
    void historyTableNoteIsNoMigration() throws SQLException {
        String url = TestDatabase.freshDatabase();
        configured(url, SHIPPED).load().migrate();
        execute(url, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES (-1, NULL, '<< Flyway Schema History table created >>',"
                + " 'TABLE', '', NULL, 'test', 0, 1)");

        FluentConfiguration again = configured(url, SHIPPED);
        check.customizeFluentConfiguration(again);

        assertThat(again.isValidateOnMigrate()).isFalse();
        assertThat(again.load().migrate().migrationsExecuted).isZero();
    }

    @Test
    @DisplayName("a new migration next to the applied ones leaves Flyway's configuration alone, and the new migration runs")
    void newMigrationStillRuns() throws SQLException {
        String url = TestDatabase.freshDatabase();
        configured(url, SHIPPED).load().migrate();

        FluentConfiguration withNew = configured(url, SHIPPED, WITH_NEW);
        check.customizeFluentConfiguration(withNew);

        assertThat(withNew.isValidateOnMigrate()).isTrue();
        assertThat(withNew.getResourceProvider()).isNull();
        MigrateResult result = withNew.load().migrate();
        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(count(url, "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '900' AND success = 1"))
                .isEqualTo(1);
        assertThat(count(url, "SELECT COUNT(*) FROM unchanged_migrations_probe")).isZero();
    }

    @Test
    @DisplayName("a migration changed since it was applied keeps Flyway's validation on, which stops the start")
    void changedMigrationIsValidated() throws SQLException {
        String url = TestDatabase.freshDatabase();
        configured(url, SHIPPED).load().migrate();
        execute(url, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");

        FluentConfiguration changed = configured(url, SHIPPED);
        check.customizeFluentConfiguration(changed);

        assertThat(changed.isValidateOnMigrate()).isTrue();
        assertThatThrownBy(() -> changed.load().migrate()).isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    @DisplayName("a migration recorded as failed, or one applied that is no longer shipped, keeps Flyway's validation on")
    void failedOrUnknownIsValidated() throws SQLException {
        String failed = TestDatabase.freshDatabase();
        configured(failed, SHIPPED).load().migrate();
        execute(failed, "UPDATE flyway_schema_history SET success = 0 WHERE version = '12'");
        FluentConfiguration afterFailure = configured(failed, SHIPPED);
        check.customizeFluentConfiguration(afterFailure);
        assertThat(afterFailure.isValidateOnMigrate()).isTrue();
        assertThat(afterFailure.getResourceProvider()).isNull();

        String unknown = TestDatabase.freshDatabase();
        configured(unknown, SHIPPED, WITH_NEW).load().migrate();
        FluentConfiguration withoutTheNewOne = configured(unknown, SHIPPED);
        check.customizeFluentConfiguration(withoutTheNewOne);
        assertThat(withoutTheNewOne.isValidateOnMigrate()).isTrue();
        assertThat(withoutTheNewOne.getResourceProvider()).isNull();
    }

    @Test
    @DisplayName("an empty database (no history table yet) is migrated by Flyway as always")
    void emptyDatabaseIsMigrated() {
        String url = TestDatabase.freshDatabase();
        FluentConfiguration empty = configured(url, SHIPPED);
        check.customizeFluentConfiguration(empty);

        assertThat(empty.isValidateOnMigrate()).isTrue();
        assertThat(empty.getResourceProvider()).isNull();
        assertThat(empty.load().migrate().migrationsExecuted).isPositive();
    }

    private static FluentConfiguration configured(String url, String... locations) {
        return Flyway.configure().dataSource(url, TestDatabase.user(), TestDatabase.password()).locations(locations);
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
