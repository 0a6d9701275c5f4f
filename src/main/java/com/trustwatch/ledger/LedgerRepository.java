package com.trustwatch.ledger;

import com.trustwatch.db.Owns;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.List;

/** The trust ledger: every deposit, drawdown and refund recorded for a matter, with the balance it left. */
@JdbcRepository(dialect = Dialect.MYSQL)
@Owns("ledger_transaction")
public interface LedgerRepository extends CrudRepository<LedgerTransaction, Long> {

    List<LedgerTransaction> findByMatterNumberOrderById(String matterNumber);

    /** One page of a matter's ledger, oldest first. */
    List<LedgerTransaction> findByMatterNumberOrderById(String matterNumber, Pageable page);

    long countByMatterNumber(String matterNumber);

    /** Drawdowns on or after a date: what a replenishment request lists as "since your last replenishment". */
    List<LedgerTransaction> findByMatterNumberAndTypeAndTxnDateGreaterThanEqualsOrderByTxnDate(
            String matterNumber, TransactionType type, LocalDate from);

    /** Drawdowns dated from {@code from} to {@code to}, both included, oldest first: what a letter lists. */
    List<LedgerTransaction> findByMatterNumberAndTypeAndTxnDateBetweenOrderByTxnDate(
            String matterNumber, TransactionType type, LocalDate from, LocalDate to);
}
