package com.trustwatch.ledger;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.LocalDate;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface LedgerRepository extends CrudRepository<LedgerTransaction, Long> {

    List<LedgerTransaction> findByMatterNumberOrderById(String matterNumber);

    /** Drawdowns on or after a date: what a replenishment request lists as "since your last replenishment". */
    List<LedgerTransaction> findByMatterNumberAndTypeAndTxnDateGreaterThanEqualsOrderByTxnDate(
            String matterNumber, TransactionType type, LocalDate from);
}
