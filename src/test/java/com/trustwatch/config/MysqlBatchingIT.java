package com.trustwatch.config;

import com.trustwatch.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MysqlBatchingIT {

    @Test
    @DisplayName("a MySQL URL without rewriteBatchedStatements still sends a batch of ten rows as one INSERT")
    void batchesAreRewrittenByDefault() throws SQLException {
        String url = TestDatabase.freshDatabase().replace("&rewriteBatchedStatements=true", "");
        assertThat(url).doesNotContain("rewriteBatchedStatements");
        assertThat(insertStatementsForTenRows(url)).isEqualTo(1);
    }

    @Test
    @DisplayName("an operator who turns the rewrite off in the URL keeps it off")
    void theUrlDecides() throws SQLException {
        String url = TestDatabase.freshDatabase().replace("&rewriteBatchedStatements=true",
                "&rewriteBatchedStatements=false");
        assertThat(insertStatementsForTenRows(url)).isEqualTo(10);
    }

    private static long insertStatementsForTenRows(String url) throws SQLException {
        try (ApplicationContext ctx = ApplicationContext.builder().environments(Environment.TEST).properties(Map.of(
                "datasources.default.url", url,
                "datasources.default.username", TestDatabase.user(),
                "datasources.default.password", TestDatabase.password(),
                "trustwatch.rules.cache-dir", "")).start();
             Connection c = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class)).getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE batch_probe (n INT)");
            }
            long before = insertsSoFar(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_probe (n) VALUES (?)")) {
                for (int i = 0; i < 10; i++) {
                    ps.setInt(1, i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return insertsSoFar(c) - before;
        }
    }

    private static long insertsSoFar(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Com_insert'")) {
            rs.next();
            return rs.getLong(2);
        }
    }
}
