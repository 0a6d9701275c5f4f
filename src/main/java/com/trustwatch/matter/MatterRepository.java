package com.trustwatch.matter;

import com.trustwatch.db.Owns;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The book: every matter the firm holds trust money for, one row per matter number. */
@JdbcRepository(dialect = Dialect.MYSQL)
@Owns("matter")
public abstract class MatterRepository implements CrudRepository<Matter, Long> {

    private final JdbcOperations jdbc;

    protected MatterRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public abstract Optional<Matter> findByMatterNumber(String matterNumber);

    public abstract List<Matter> findByMatterNumberIn(Collection<String> matterNumbers);

    /** Keyset page: the next {@code limit} matters after {@code afterId}, so a book is read in chunks. */
    public abstract List<Matter> findByIdGreaterThanOrderById(Long afterId, Pageable page);

    /** The matters with ids in {@code (afterId, lastId]}: one leased chunk of a partitioned evaluation. */
    public abstract List<Matter> findByIdGreaterThanAndIdLessThanEqualsOrderById(Long afterId, Long lastId);

    /** One page of the book in matter-number order (the {@code GET /api/matters} list). */
    public abstract List<Matter> listOrderByMatterNumber(Pageable page);

    /**
     * Moves a balance atomically, so two ledger events at once cannot lose one another, and only
     * while the new balance stays strictly between {@code below} and {@code above} (what the column
     * holds). Returns 0 when there is no such matter or the balance would leave that range.
     */
    @Query("UPDATE matter SET trust_balance = trust_balance + :delta WHERE matter_number = :matterNumber"
            + " AND trust_balance + :delta > :below AND trust_balance + :delta < :above")
    public abstract long adjustBalance(String matterNumber, BigDecimal delta, BigDecimal below, BigDecimal above);

    @Query("UPDATE matter SET last_deposit_on = :date, last_replenished_on = :date WHERE matter_number = :matterNumber")
    public abstract long recordDeposit(String matterNumber, LocalDate date);

    /**
     * The whole book cut into chunks of {@code size} matters by id: each {@code [afterId, lastId]}
     * covers the matters with {@code afterId < id <= lastId}. Reads ids only.
     */
    @Transactional(readOnly = true)
    public List<long[]> idRanges(int size) {
        return jdbc.execute(conn -> {
            List<long[]> ranges = new ArrayList<>();
            try (PreparedStatement next = conn.prepareStatement(
                    "SELECT id FROM matter WHERE id > ? ORDER BY id LIMIT 1 OFFSET " + (size - 1));
                 PreparedStatement last = conn.prepareStatement("SELECT MAX(id) FROM matter WHERE id > ?")) {
                long after = 0;
                while (true) {
                    next.setLong(1, after);
                    try (ResultSet rs = next.executeQuery()) {
                        if (rs.next()) {
                            long upTo = rs.getLong(1);
                            ranges.add(new long[]{after, upTo});
                            after = upTo;
                            continue;
                        }
                    }
                    last.setLong(1, after);
                    try (ResultSet rs = last.executeQuery()) {
                        rs.next();
                        long upTo = rs.getLong(1);
                        if (!rs.wasNull()) {
                            ranges.add(new long[]{after, upTo});
                        }
                    }
                    return ranges;
                }
            }
        });
    }
}
