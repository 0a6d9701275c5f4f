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

    /** The matter, its row locked until the transaction ends (a conditional update compares, then writes). */
    public abstract Optional<Matter> findByMatterNumberForUpdate(String matterNumber);

    public abstract List<Matter> findByMatterNumberIn(Collection<String> matterNumbers);

    /**
     * Keyset page: the next {@code page.getSize()} matters after {@code afterId} (from {@code page.getOffset()}
     * on), so a book is read in chunks. Read through {@link #read}, not the repository's generic mapping.
     */
    @Transactional(readOnly = true)
    public List<Matter> findByIdGreaterThanOrderById(Long afterId, Pageable page) {
        return readAll("SELECT " + COLUMNS + " FROM matter WHERE id > ? ORDER BY id LIMIT ? OFFSET ?",
                afterId, page.getSize(), page.getOffset());
    }

    /**
     * The matters with ids in {@code (afterId, lastId]}: one leased chunk of a partitioned evaluation.
     * Read through {@link #read}, not the repository's generic mapping.
     */
    @Transactional(readOnly = true)
    public List<Matter> findByIdGreaterThanAndIdLessThanEqualsOrderById(Long afterId, Long lastId) {
        return readAll("SELECT " + COLUMNS + " FROM matter WHERE id > ? AND id <= ? ORDER BY id", afterId, lastId);
    }

    /** Every column of {@code matter}, in the order of {@link Matter}'s components, for {@link #read}. */
    static final String COLUMNS = "id, matter_number, matter_name, client_id, client_name, client_tier,"
            + " billing_contact_name, billing_contact_email, billing_contact_phone, sms_consent, attorney_name,"
            + " attorney_email, billing_manager_email, bookkeeper_email, practice_group_leader_email,"
            + " managing_partner_email, jurisdiction, practice_area, fee_type, retainer_type, status, closed_on,"
            + " trust_balance, original_retainer, fee_floor, refill_target, monthly_billing, last_replenished_on,"
            + " last_reconciled_on, payment_plan, disputed, disputed_amount, flat_fee_account,"
            + " flat_fee_disclosure_signed, flat_fee_amount, nonrefundable_fee_term, last_deposit_on,"
            + " receipt_notified_on, last_accounting_on";

    private List<Matter> readAll(String sql, Object... params) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                List<Matter> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * One row of {@link #COLUMNS} as a matter: the evaluation reads the whole book through this. The
     * repository's generic mapping derives each column's name from the property's name again for every
     * row, and converts each value through its conversion service, which made reading the book a fifth of
     * the service's CPU in an evaluation (JFR, docs/benchmarks.md). {@code MatterReadIT} checks that both
     * readings give the same matters.
     */
    static Matter read(ResultSet rs) throws java.sql.SQLException {
        return new Matter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                named(Tier.class, rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9), bool(rs, 10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getString(16), rs.getString(17), rs.getString(18), named(FeeType.class, rs.getString(19)),
                named(RetainerType.class, rs.getString(20)), named(MatterStatus.class, rs.getString(21)),
                rs.getObject(22, LocalDate.class), rs.getBigDecimal(23), rs.getBigDecimal(24), rs.getBigDecimal(25),
                rs.getBigDecimal(26), rs.getBigDecimal(27), rs.getObject(28, LocalDate.class),
                rs.getObject(29, LocalDate.class), bool(rs, 30), bool(rs, 31), rs.getBigDecimal(32),
                rs.getString(33), bool(rs, 34), rs.getBigDecimal(35), bool(rs, 36),
                rs.getObject(37, LocalDate.class), rs.getObject(38, LocalDate.class), rs.getObject(39, LocalDate.class));
    }

    private static Boolean bool(ResultSet rs, int column) throws java.sql.SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

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

    /**
     * Notes a deposit dated {@code date}: the last deposit and last replenishment become that day unless a
     * later one is already recorded (a deposit entered late, dated before the last, does not move them back).
     */
    @Query("UPDATE matter SET last_deposit_on = GREATEST(COALESCE(last_deposit_on, :date), :date),"
            + " last_replenished_on = GREATEST(COALESCE(last_replenished_on, :date), :date) WHERE matter_number = :matterNumber")
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
