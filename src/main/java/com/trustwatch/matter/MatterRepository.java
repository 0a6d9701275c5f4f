package com.trustwatch.matter;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface MatterRepository extends CrudRepository<Matter, Long> {

    Optional<Matter> findByMatterNumber(String matterNumber);

    List<Matter> findByMatterNumberIn(Collection<String> matterNumbers);

    /** Keyset page: the next {@code limit} matters after {@code afterId}, so a book is read in chunks. */
    List<Matter> findByIdGreaterThanOrderById(Long afterId, io.micronaut.data.model.Pageable page);

    /** The matters with ids in {@code (afterId, lastId]}: one leased chunk of a partitioned evaluation. */
    List<Matter> findByIdGreaterThanAndIdLessThanEqualsOrderById(Long afterId, Long lastId);

    List<Matter> listOrderByMatterNumber();

    /** Moves a balance atomically, so two ledger events at once cannot lose one another. */
    @Query("UPDATE matter SET trust_balance = trust_balance + :delta WHERE matter_number = :matterNumber")
    long adjustBalance(String matterNumber, java.math.BigDecimal delta);

    @Query("UPDATE matter SET last_deposit_on = :date, last_replenished_on = :date WHERE matter_number = :matterNumber")
    long recordDeposit(String matterNumber, java.time.LocalDate date);
}
