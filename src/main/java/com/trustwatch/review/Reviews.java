package com.trustwatch.review;

import com.trustwatch.db.Columns;
import com.trustwatch.db.Owns;
import com.trustwatch.decision.Hold;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.TransitionRefusedException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The review list ({@code request_review}): every client message held for a person, one row per
 * action, and what a person decided about it. Rows are written in the transaction that records their
 * action, so a held message is never recorded without its review, and decided in the transaction that
 * releases the message to the outbox.
 */
@Singleton
@Owns("request_review")
public class Reviews {

    private static final String SELECT = "SELECT id, action_id, evaluation_id, matter_number, client_id, action_type,"
            + " episode_start, ladder_stage, holds, state, proposed_amount, released_amount, decided_by, decided_on,"
            + " note, created_at, updated_at FROM request_review";

    /** Who withdraws a review whose episode ended, in the review and the audit trail. */
    static final String SYSTEM = "trustwatch";

    private final JdbcOperations jdbc;

    public Reviews(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds messages for a person, in the caller's transaction; a message already held is left as it is. */
    @Transactional
    public void open(List<NewReview> reviews, LocalDateTime now) {
        if (reviews.isEmpty()) {
            return;
        }
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT IGNORE INTO request_review (action_id,"
                    + " evaluation_id, matter_number, client_id, action_type, episode_start, ladder_stage, holds, state,"
                    + " proposed_amount, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)")) {
                for (NewReview r : reviews) {
                    ps.setLong(1, r.actionId());
                    ps.setString(2, r.evaluationId());
                    ps.setString(3, r.matterNumber());
                    ps.setString(4, r.clientId());
                    ps.setString(5, r.actionType());
                    ps.setDate(6, r.episodeStart() == null ? null : Date.valueOf(r.episodeStart()));
                    ps.setInt(7, r.ladderStage());
                    ps.setString(8, Columns.cut(holdsText(r.holds()), 2000));
                    ps.setBigDecimal(9, r.proposedAmount());
                    ps.setObject(10, now);
                    ps.setObject(11, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Reviews oldest first: of one state (PENDING when none is named) and optionally one matter, at most
     * {@code limit}.
     *
     * @throws InvalidInput naming {@code state} when it is not a review state
     */
    @Transactional(readOnly = true)
    public List<Review> list(String state, String matter, int limit) {
        String wanted = state == null || state.isBlank() ? ReviewState.PENDING.name() : state.trim().toUpperCase(Locale.ROOT);
        if (Arrays.stream(ReviewState.values()).noneMatch(s -> s.name().equals(wanted))) {
            throw new InvalidInput(List.of(new FieldError(null, "state", "'" + Columns.cut(state, 40) + "' is not one of "
                    + Arrays.toString(ReviewState.values()).replaceAll("[\\[\\]]", ""))));
        }
        boolean byMatter = matter != null && !matter.isBlank();
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(SELECT + " WHERE state = ?"
                    + (byMatter ? " AND matter_number = ?" : "") + " ORDER BY created_at, id LIMIT ?")) {
                int i = 1;
                ps.setString(i++, wanted);
                if (byMatter) {
                    ps.setString(i++, matter.trim());
                }
                ps.setInt(i, limit);
                return read(ps);
            }
        });
    }

    /** @throws NoSuchElementException when there is no such review */
    @Transactional(readOnly = true)
    public Review find(long id) {
        return jdbc.execute(conn -> byId(conn, id, false));
    }

    /**
     * Locks a review that is still PENDING, in the caller's transaction, so two people cannot both
     * decide it.
     *
     * @throws NoSuchElementException     when there is no such review
     * @throws TransitionRefusedException when it was decided already
     */
    @Transactional
    public Review lockPending(long id) {
        return jdbc.execute(conn -> {
            Review r = byId(conn, id, true);
            if (r.state() != ReviewState.PENDING) {
                throw new TransitionRefusedException("review " + id + " was " + r.state().verb()
                        + (r.decidedBy() == null ? "" : " by " + r.decidedBy())
                        + (r.decidedOn() == null ? "" : " on " + r.decidedOn()) + ": it cannot be decided again");
            }
            return r;
        });
    }

    /** Records a person's decision on a locked, pending review, in the caller's transaction. */
    @Transactional
    public void decide(long id, ReviewState state, String user, LocalDate on, BigDecimal releasedAmount, String note,
                       LocalDateTime now) {
        jdbc.execute(conn -> {
            try (PreparedStatement up = conn.prepareStatement("UPDATE request_review SET state = ?, decided_by = ?,"
                    + " decided_on = ?, released_amount = ?, note = ?, updated_at = ? WHERE id = ? AND state = 'PENDING'")) {
                up.setString(1, state.name());
                up.setString(2, user);
                up.setDate(3, Date.valueOf(on));
                up.setBigDecimal(4, releasedAmount);
                up.setString(5, note == null || note.isBlank() ? null : Columns.cut(note.trim(), 2000));
                up.setObject(6, now);
                up.setLong(7, id);
                if (up.executeUpdate() != 1) {
                    throw new TransitionRefusedException("review " + id + " is no longer pending");
                }
            }
            return null;
        });
    }

    /**
     * Withdraws the pending reviews of matters whose low-balance episode ended, in the caller's
     * transaction: what they would have asked for is no longer true.
     *
     * @param reasons the reason each matter's episode ended, by matter number
     * @return the reviews withdrawn, as they were before
     */
    @Transactional
    public List<Review> withdraw(Map<String, String> reasons, LocalDate on, LocalDateTime now) {
        if (reasons.isEmpty()) {
            return List.of();
        }
        return jdbc.execute(conn -> {
            List<Review> pending;
            try (PreparedStatement ps = conn.prepareStatement(SELECT + " WHERE state = 'PENDING' AND matter_number IN ("
                    + marks(reasons.size()) + ") ORDER BY id FOR UPDATE")) {
                int i = 1;
                for (String m : reasons.keySet()) {
                    ps.setString(i++, m);
                }
                pending = read(ps);
            }
            try (PreparedStatement up = conn.prepareStatement("UPDATE request_review SET state = 'WITHDRAWN',"
                    + " decided_by = ?, decided_on = ?, note = ?, updated_at = ? WHERE id = ? AND state = 'PENDING'")) {
                for (Review r : pending) {
                    up.setString(1, SYSTEM);
                    up.setDate(2, Date.valueOf(on));
                    up.setString(3, Columns.cut(reasons.get(r.matterNumber()), 2000));
                    up.setObject(4, now);
                    up.setLong(5, r.id());
                    up.addBatch();
                }
                up.executeBatch();
            }
            return pending;
        });
    }

    /** The reviews of some actions, by action id (actions never held are absent). */
    @Transactional(readOnly = true)
    public Map<Long, Review> ofActions(Collection<Long> actionIds) {
        Map<Long, Review> out = new HashMap<>();
        List<Long> ids = new ArrayList<>(actionIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 1000));
            jdbc.execute(conn -> {
                try (PreparedStatement ps = conn.prepareStatement(SELECT + " WHERE action_id IN (" + marks(part.size()) + ")")) {
                    for (int i = 0; i < part.size(); i++) {
                        ps.setLong(i + 1, part.get(i));
                    }
                    read(ps).forEach(r -> out.put(r.actionId(), r));
                }
                return null;
            });
        }
        return out;
    }

    private static Review byId(Connection conn, long id, boolean lock) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(SELECT + " WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            List<Review> found = read(ps);
            if (found.isEmpty()) {
                throw new NoSuchElementException("no review " + id);
            }
            return found.get(0);
        }
    }

    private static List<Review> read(PreparedStatement ps) throws SQLException {
        List<Review> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Review(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, LocalDate.class), rs.getInt(8), holds(rs.getString(9)),
                        ReviewState.valueOf(rs.getString(10)), rs.getBigDecimal(11), rs.getBigDecimal(12),
                        rs.getString(13), rs.getObject(14, LocalDate.class), rs.getString(15),
                        rs.getObject(16, LocalDateTime.class), rs.getObject(17, LocalDateTime.class)));
            }
        }
        return out;
    }

    /** One line per hold, {@code CODE|RULE|sentence}: codes and rule ids hold no bar, a sentence may. */
    static String holdsText(List<Hold> holds) {
        StringBuilder out = new StringBuilder();
        for (Hold h : holds) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(h.code()).append('|').append(h.ruleId()).append('|').append(h.reason().replace('\n', ' '));
        }
        return out.toString();
    }

    static List<Hold> holds(String text) {
        List<Hold> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] parts = line.split("\\|", 3);
            if (parts.length == 3) {
                out.add(new Hold(parts[0], parts[2], parts[1]));
            }
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
