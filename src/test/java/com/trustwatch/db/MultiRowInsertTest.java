package com.trustwatch.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** On H2 in MySQL mode, the embedded default; the MariaDB path runs in every integration test that records. */
class MultiRowInsertTest {

    private Connection conn;

    @BeforeEach
    void open() throws SQLException {
        conn = DriverManager.getConnection("jdbc:h2:mem:multi-row-" + System.nanoTime()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE");
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20), note VARCHAR(20), state VARCHAR(8))");
        }
    }

    @AfterEach
    void close() throws SQLException {
        conn.close();
    }

    private record Row(int id, String name, String note) {
    }

    private static List<Row> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new Row(i, "row " + i, i % 3 == 0 ? null : "it's " + i)).toList();
    }

    private long insert(String verb, List<Row> rows) throws SQLException {
        return MultiRowInsert.insert(conn, verb + " INTO t (id, name, note, state)", "(?, ?, ?, 'HELD')", "", rows,
                (ps, first, r) -> {
                    ps.setInt(first, r.id());
                    ps.setString(first + 1, r.name());
                    ps.setString(first + 2, r.note());
                });
    }

    private List<String> stored() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name, note, state FROM t ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        return out;
    }

    @Test
    @DisplayName("more rows than one statement takes are written whole, each with its own values, nulls and literals")
    void writesEveryRowAcrossStatements() throws SQLException {
        int n = 2 * MultiRowInsert.ROWS + 57;
        assertThat(insert("INSERT", rows(0, n))).isEqualTo(n);

        List<String> stored = stored();
        assertThat(stored).hasSize(n);
        assertThat(stored).containsExactlyElementsOf(rows(0, n).stream()
                .map(r -> r.id() + "|" + r.name() + "|" + r.note() + "|HELD").toList());
        assertThat(stored).contains("0|row 0|null|HELD", "1|row 1|it's 1|HELD");
    }

    @Test
    @DisplayName("INSERT IGNORE keeps the rows already there and adds the others")
    void ignoreKeepsExistingRows() throws SQLException {
        insert("INSERT", List.of(new Row(5, "first", null)));

        assertThat(insert("INSERT IGNORE", rows(3, 8))).isEqualTo(4);

        assertThat(stored()).containsExactly("3|row 3|null|HELD", "4|row 4|it's 4|HELD", "5|first|null|HELD",
                "6|row 6|null|HELD", "7|row 7|it's 7|HELD");
    }

    @Test
    @DisplayName("no rows: no statement, nothing written")
    void nothingToWrite() throws SQLException {
        assertThat(insert("INSERT", List.of())).isZero();
        assertThat(stored()).isEmpty();
    }

    @Test
    @DisplayName("the statement repeats the row's tuple once per row between the head and the tail")
    void statementShape() {
        assertThat(MultiRowInsert.sql("INSERT INTO t (a, b)", "(?, ?)", "ON DUPLICATE KEY UPDATE b = VALUES(b)", 3))
                .isEqualTo("INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?) ON DUPLICATE KEY UPDATE b = VALUES(b)");
        assertThat(MultiRowInsert.sql("INSERT INTO t (a)", "(?)", "", 1)).isEqualTo("INSERT INTO t (a) VALUES (?)");
    }
}
