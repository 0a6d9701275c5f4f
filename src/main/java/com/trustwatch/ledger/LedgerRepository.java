package com.trustwatch.ledger;

import com.trustwatch.db.Owns;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The trust ledger: every deposit, drawdown and refund recorded for a matter, with the balance it left. */
@JdbcRepository(dialect = Dialect.MYSQL)
@Owns("ledger_transaction")
public abstract class LedgerRepository implements CrudRepository<LedgerTransaction, Long> {

    /** Matter numbers per query: well under every driver's limit on parameters. */
    private static final int IN_LIST = 1000;

    private final JdbcOperations jdbc;

    protected LedgerRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public abstract List<LedgerTransaction> findByMatterNumberOrderById(String matterNumber);

    /** One page of a matter's ledger, oldest first. */
    public abstract List<LedgerTransaction> findByMatterNumberOrderById(String matterNumber, Pageable page);

    public abstract long countByMatterNumber(String matterNumber);

    /** Drawdowns on or after a date: what a replenishment request lists as "since your last replenishment". */
    public abstract List<LedgerTransaction> findByMatterNumberAndTypeAndTxnDateGreaterThanEqualsOrderByTxnDate(
            String matterNumber, TransactionType type, LocalDate from);

    /**
     * Deposits of some matters dated on or before {@code day} whose funds clear after it: the uncleared
     * part of their balances ({@link LedgerTransaction#unclearedOn}).
     */
    public abstract List<LedgerTransaction> findByMatterNumberInAndTypeAndClearsOnGreaterThanAndTxnDateLessThanEquals(
            Collection<String> matterNumbers, TransactionType type, LocalDate clearsAfter, LocalDate day);

    /** Drawdowns dated from {@code from} to {@code to}, both included, oldest first: what a letter lists. */
    public abstract List<LedgerTransaction> findByMatterNumberAndTypeAndTxnDateBetweenOrderByTxnDate(
            String matterNumber, TransactionType type, LocalDate from, LocalDate to);

    /**
     * The sum of the drawdowns dated from {@code from} to {@code to}, both included, for each of some
     * matters, in one query (an evaluation asks once per chunk of the book). A matter with no drawdown
     * in the window is absent.
     *
     * @return dollars drawn, by matter number
     */
    @Transactional(readOnly = true)
    public Map<String, BigDecimal> drawdownTotals(Collection<String> matterNumbers, LocalDate from, LocalDate to) {
        Map<String, BigDecimal> out = new HashMap<>();
        List<String> all = new ArrayList<>(matterNumbers);
        for (int start = 0; start < all.size(); start += IN_LIST) {
            List<String> part = all.subList(start, Math.min(all.size(), start + IN_LIST));
            jdbc.execute(conn -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT matter_number, SUM(amount)"
                        + " FROM ledger_transaction WHERE type = 'DRAWDOWN' AND txn_date >= ? AND txn_date <= ?"
                        + " AND matter_number IN (" + String.join(",", Collections.nCopies(part.size(), "?"))
                        + ") GROUP BY matter_number")) {
                    ps.setDate(1, Date.valueOf(from));
                    ps.setDate(2, Date.valueOf(to));
                    int i = 3;
                    for (String m : part) {
                        ps.setString(i++, m);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), rs.getBigDecimal(2));
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /** Every entry dated from {@code from} to {@code to}, both included (a month's trust-account activity). */
    public abstract List<LedgerTransaction> findByTxnDateBetweenOrderById(LocalDate from, LocalDate to);

    /** Every entry of one type dated on or after {@code from} (deposits after the first request, for reports). */
    public abstract List<LedgerTransaction> findByTypeAndTxnDateGreaterThanEqualsOrderById(TransactionType type, LocalDate from);
}
