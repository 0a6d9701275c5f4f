package com.trustwatch.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes many rows as multi-row statements ({@code INSERT ... VALUES (...), (...), ...}) of at most
 * {@link #ROWS} rows, each sent once. mysql-connector-j's {@code rewriteBatchedStatements} builds the same
 * statement from a JDBC batch, but first encodes every value of the batch once to size the statement
 * and copies every bound value into a second statement before encoding it again: for the evaluation's
 * large batches that was about half of the driver's time (JFR profile in docs/benchmarks.md). Bound
 * here, each value is encoded once. H2 runs the same statements.
 * <p>
 * {@link #ROWS} rows keep a statement well under the servers' default {@code max_allowed_packet}
 * (16 MiB on MariaDB, 64 MiB on MySQL 8): the widest row written this way, an audit entry with 4,000
 * characters of detail, is at most about 35 KB on the wire.
 */
public final class MultiRowInsert {

    /** Rows per statement. */
    public static final int ROWS = 200;

    /** Binds one row's values from parameter {@code first} (1-based) on. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement ps, int first, T row) throws SQLException;
    }

    private MultiRowInsert() {
    }

    /**
     * Inserts {@code rows} on {@code conn}: {@code head} (e.g. {@code "INSERT IGNORE INTO t (a, b, c)"}), then
     * {@code tuple} once per row (e.g. {@code "(?, ?, 'HELD')"}; its {@code ?} are the row's parameters, bound
     * by {@code binder} in order), then {@code tail} (e.g. an {@code ON DUPLICATE KEY UPDATE} clause, or "").
     *
     * @return rows the database reports as changed, summed over the statements
     */
    public static <T> long insert(Connection conn, String head, String tuple, String tail, List<T> rows,
                                  Binder<T> binder) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        int params = (int) tuple.chars().filter(c -> c == '?').count();
        int per = Math.min(ROWS, rows.size());
        long changed = 0;
        PreparedStatement full = null;
        try {
            for (int from = 0; from < rows.size(); from += per) {
                List<T> part = rows.subList(from, Math.min(rows.size(), from + per));
                PreparedStatement ps;
                if (part.size() == per) {
                    if (full == null) {
                        full = conn.prepareStatement(sql(head, tuple, tail, per));
                    }
                    ps = full;
                } else {
                    ps = conn.prepareStatement(sql(head, tuple, tail, part.size()));
                }
                try {
                    for (int i = 0; i < part.size(); i++) {
                        binder.bind(ps, i * params + 1, part.get(i));
                    }
                    changed += ps.executeUpdate();
                } finally {
                    if (ps != full) {
                        ps.close();
                    }
                }
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
        return changed;
    }

    static String sql(String head, String tuple, String tail, int rows) {
        StringBuilder sql = new StringBuilder(head.length() + tail.length() + 8 + rows * (tuple.length() + 2));
        sql.append(head).append(" VALUES ");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(tuple);
        }
        if (!tail.isEmpty()) {
            sql.append(' ').append(tail);
        }
        return sql.toString();
    }
}
