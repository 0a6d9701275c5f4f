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

    public abstract List<Matter> findByIdIn(Collection<Long> ids);

    /**
     * What the console's book shows: filters (each optional) and an order.
     *
     * @param client       part of the client's name or id, any case
     * @param attorney     part of the responsible attorney's name, any case
     * @param jurisdiction a jurisdiction code, exactly
     * @param status       OPEN, PAUSED or CLOSED, exactly
     * @param only         when not null, only these matter numbers (another owner's selection, such as a band)
     * @param sort         {@code matter}, {@code client}, {@code attorney}, {@code balance} or {@code runway}
     *                     (days of trust money left at the monthly billing rate; matters without one last)
     */
    public record BookQuery(String client, String attorney, String jurisdiction, String status,
                            Collection<String> only, String sort, boolean descending) {
    }

    /** One page of the book: ids chosen in SQL (filters, order, offset), then the matters, in that order. */
    @Transactional(readOnly = true)
    public List<Matter> book(BookQuery q, long offset, int limit) {
        if (q.only() != null && q.only().isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        String where = bookWhere(q, params);
        String dir = q.descending() ? " DESC" : " ASC";
        String order = switch (q.sort() == null ? "matter" : q.sort()) {
            case "client" -> "client_name" + dir + ", matter_number";
            case "attorney" -> "attorney_name" + dir + ", matter_number";
            case "balance" -> "trust_balance" + dir + ", matter_number";
            case "runway" -> "CASE WHEN monthly_billing > 0 THEN 0 ELSE 1 END, trust_balance * 30 / monthly_billing" + dir
                    + ", matter_number";
            default -> "matter_number" + dir;
        };
        params.add(limit);
        params.add(offset);
        List<Long> ids = jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM matter" + where + " ORDER BY " + order
                    + " LIMIT ? OFFSET ?")) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
        if (ids.isEmpty()) {
            return List.of();
        }
        java.util.Map<Long, Matter> byId = new java.util.HashMap<>();
        findByIdIn(ids).forEach(m -> byId.put(m.id(), m));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** How many matters the book's filters select. */
    @Transactional(readOnly = true)
    public long countBook(BookQuery q) {
        if (q.only() != null && q.only().isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>();
        String where = bookWhere(q, params);
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM matter" + where)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The attorneys and jurisdictions of the book, for the filters' choices. */
    @Transactional(readOnly = true)
    public List<String> distinct(String what) {
        String column = switch (what) {
            case "attorney" -> "attorney_name";
            case "jurisdiction" -> "jurisdiction";
            default -> throw new IllegalArgumentException("no such column to list: " + what);
        };
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT DISTINCT " + column + " FROM matter WHERE "
                    + column + " IS NOT NULL ORDER BY " + column + " LIMIT 500");
                 ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    private static String bookWhere(BookQuery q, List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (q.client() != null && !q.client().isBlank()) {
            sql.append(" AND (LOWER(client_name) LIKE ? OR LOWER(client_id) LIKE ?)");
            String like = "%" + likeEscaped(q.client().strip().toLowerCase(java.util.Locale.ROOT)) + "%";
            params.add(like);
            params.add(like);
        }
        if (q.attorney() != null && !q.attorney().isBlank()) {
            sql.append(" AND LOWER(attorney_name) LIKE ?");
            params.add("%" + likeEscaped(q.attorney().strip().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (q.jurisdiction() != null && !q.jurisdiction().isBlank()) {
            sql.append(" AND jurisdiction = ?");
            params.add(q.jurisdiction().strip());
        }
        if (q.status() != null && !q.status().isBlank()) {
            sql.append(" AND status = ?");
            params.add(q.status().strip());
        }
        if (q.only() != null) {
            sql.append(" AND matter_number IN (").append(String.join(",", java.util.Collections.nCopies(q.only().size(), "?")))
                    .append(")");
            params.addAll(q.only());
        }
        return sql.toString();
    }

    /** A typed filter matches its characters literally: % and _ are not wildcards. */
    private static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

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
