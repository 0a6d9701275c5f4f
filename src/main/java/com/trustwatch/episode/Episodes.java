package com.trustwatch.episode;

import com.trustwatch.db.Columns;
import com.trustwatch.db.Owns;
import com.trustwatch.decision.BusinessCalendar;
import com.trustwatch.decision.EpisodeStop;
import com.trustwatch.decision.OpenEpisode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The escalation ladder's memory: each matter's open low-balance episode (when the client was first
 * asked, the last stage sent, the day the ladder counts from and the pay-by date of the first
 * request), kept between evaluations in {@code low_balance_episode}. Read before the rules
 * ({@link #openOn}), then changed after them: a first request opens an episode, a later stage moves
 * it on, a stop condition closes it. A first request held for a person opens the episode without
 * starting the ladder; {@link #release} starts it on the day a person releases the request. A matter
 * has at most one open episode (the unique {@code open_key}); a stopped one stays as history.
 */
@Singleton
@Owns("low_balance_episode")
public class Episodes {

    private final JdbcOperations jdbc;
    private final BusinessCalendar calendar;

    public Episodes(JdbcOperations jdbc, BusinessCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    /** The open episodes of some matters, as the rules see them on {@code asOf}. */
    @Transactional(readOnly = true)
    public Map<String, OpenEpisode> openOn(Collection<String> matterNumbers, LocalDate asOf) {
        Map<String, OpenEpisode> out = new HashMap<>();
        if (matterNumbers.isEmpty()) {
            return out;
        }
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT matter_number, episode_start, stage_sent,"
                    + " ladder_from, deadline FROM low_balance_episode WHERE status = 'OPEN' AND matter_number IN ("
                    + marks(matterNumbers.size()) + ")")) {
                int i = 1;
                for (String m : matterNumbers) {
                    ps.setString(i++, m);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate start = rs.getObject(2, LocalDate.class);
                        LocalDate ladderFrom = rs.getObject(4, LocalDate.class);
                        out.put(rs.getString(1), new OpenEpisode(rs.getString(1), start, rs.getInt(3),
                                ladderFrom == null ? 0 : calendar.businessDaysBetween(ladderFrom, asOf), ladderFrom,
                                rs.getObject(5, LocalDate.class)));
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** One low-balance episode of a matter as stored: its start, the ladder stage sent last, and how it ended. */
    public record History(LocalDate start, int stageSent, String status, LocalDate stoppedOn, String stopReason,
                          java.time.LocalDateTime updatedAt) {
    }

    /** A matter's low-balance episodes, the latest first. */
    @Transactional(readOnly = true)
    public List<History> history(String matterNumber) {
        return jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT episode_start, stage_sent, status, stopped_on,"
                    + " stop_reason, updated_at FROM low_balance_episode WHERE matter_number = ? ORDER BY episode_start DESC, id DESC")) {
                ps.setString(1, matterNumber);
                List<History> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new History(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getString(3),
                                rs.getObject(4, LocalDate.class), rs.getString(5), rs.getObject(6, java.time.LocalDateTime.class)));
                    }
                }
                return out;
            }
        });
    }

    /** A low-balance episode that ended: the day it began and the day an evaluation stopped it. */
    public record Ended(String matterNumber, LocalDate start, LocalDate stoppedOn) {
    }

    /**
     * The episodes of some matters that an evaluation stopped (the balance back at the threshold, a payment
     * plan, the matter closed or no longer watched), oldest first; a matter's open episode is not among them.
     */
    @Transactional(readOnly = true)
    public List<Ended> ended(Collection<String> matterNumbers) {
        List<Ended> out = new ArrayList<>();
        if (matterNumbers.isEmpty()) {
            return out;
        }
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT matter_number, episode_start, stopped_on"
                    + " FROM low_balance_episode WHERE status = 'STOPPED' AND matter_number IN ("
                    + marks(matterNumbers.size()) + ") ORDER BY episode_start, id")) {
                int i = 1;
                for (String m : matterNumbers) {
                    ps.setString(i++, m);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Ended(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)));
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** Open episodes (client requests awaiting payment) counted by the ladder stage sent last, lowest first. */
    @Transactional(readOnly = true)
    public Map<Integer, Integer> openByStage() {
        Map<Integer, Integer> out = new java.util.TreeMap<>();
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT stage_sent, COUNT(*) FROM low_balance_episode"
                    + " WHERE status = 'OPEN' GROUP BY stage_sent");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getInt(2));
                }
            }
            return null;
        });
        return out;
    }

    /**
     * Records stages recorded for the first time, in the caller's transaction: stage 1 opens the
     * matter's episode, a later stage moves its open episode on (several stages of one matter at once,
     * an evaluation catching up, move it once, to the highest; a stage of an earlier episode never
     * moves a newer one).
     *
     * @return what changed, in the order of {@code stages}
     */
    @Transactional
    public List<EpisodeChange> record(List<StageSent> stages, LocalDateTime now) {
        if (stages.isEmpty()) {
            return List.of();
        }
        return jdbc.execute(conn -> {
            List<EpisodeChange> changes = new ArrayList<>(open(conn, stages.stream().filter(s -> s.stage() == 1).toList(), now));
            changes.addAll(advance(conn, stages.stream().filter(s -> s.stage() > 1).toList(), now));
            return changes;
        });
    }

    /**
     * The inserts go as one batch; the rows this transaction opened are then recognised by their
     * episode start and their microsecond timestamp. No other transaction can have opened a row with
     * both: a concurrent evaluation with the same as-of date decides the same stage-1 request, whose
     * idempotency key makes it new for one evaluation only, and only that one opens the episode.
     */
    private List<EpisodeChange> open(Connection conn, List<StageSent> opening, LocalDateTime now) throws SQLException {
        if (opening.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement open = conn.prepareStatement("INSERT IGNORE INTO low_balance_episode (matter_number,"
                + " episode_start, stage_sent, status, open_key, updated_at, ladder_from, deadline)"
                + " VALUES (?, ?, 1, 'OPEN', ?, ?, ?, ?)")) {
            for (StageSent s : opening) {
                open.setString(1, s.matterNumber());
                // days as LocalDate: the driver formats a java.sql.Date with a new SimpleDateFormat per value
                open.setObject(2, s.episodeStart());
                open.setString(3, s.matterNumber());
                open.setObject(4, now);
                // a held first request has not gone out: the ladder waits for the day a person releases it
                open.setObject(5, s.held() ? null : s.episodeStart(), Types.DATE);
                open.setObject(6, s.held() ? null : s.deadline(), Types.DATE);
                open.addBatch();
            }
            open.executeBatch();
        }
        Set<String> opened = new HashSet<>();
        for (int from = 0; from < opening.size(); from += 500) {
            List<StageSent> part = opening.subList(from, Math.min(opening.size(), from + 500));
            try (PreparedStatement q = conn.prepareStatement("SELECT open_key, episode_start FROM low_balance_episode"
                    + " WHERE open_key IN (" + marks(part.size()) + ") AND updated_at = ?")) {
                int i = 1;
                for (StageSent s : part) {
                    q.setString(i++, s.matterNumber());
                }
                q.setObject(i, now);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        opened.add(rs.getString(1) + "@" + rs.getObject(2, LocalDate.class));
                    }
                }
            }
        }
        List<EpisodeChange> out = new ArrayList<>();
        for (StageSent s : opening) {
            // the first request of the matter opened it, as one insert would
            if (opened.remove(s.matterNumber() + "@" + s.episodeStart())) {
                out.add(new EpisodeChange(EpisodeChange.Kind.OPENED, s));
            }
        }
        return out;
    }

    private List<EpisodeChange> advance(Connection conn, List<StageSent> later, LocalDateTime now) throws SQLException {
        Map<String, StageSent> highest = new LinkedHashMap<>();
        for (StageSent s : later) {
            highest.merge(s.matterNumber(), s, (x, y) -> y.stage() > x.stage() ? y : x);
        }
        List<EpisodeChange> out = new ArrayList<>();
        try (PreparedStatement advance = conn.prepareStatement("UPDATE low_balance_episode SET stage_sent = ?,"
                + " updated_at = ? WHERE open_key = ? AND episode_start = ? AND stage_sent < ?")) {
            for (StageSent s : highest.values()) {
                advance.setInt(1, s.stage());
                advance.setObject(2, now);
                advance.setString(3, s.matterNumber());
                advance.setDate(4, Date.valueOf(s.episodeStart()));
                advance.setInt(5, s.stage());
                if (advance.executeUpdate() == 1) {
                    out.add(new EpisodeChange(EpisodeChange.Kind.ADVANCED, s));
                }
            }
        }
        return out;
    }

    /**
     * Starts the ladder of a matter's open episode whose first request a person released, in the
     * caller's transaction: it counts from {@code releasedOn}, and every later message names
     * {@code deadline}.
     *
     * @return whether the episode was waiting for the release (false: it has ended, or it runs already)
     */
    @Transactional
    public boolean release(String matterNumber, LocalDate episodeStart, LocalDate releasedOn, LocalDate deadline,
                           LocalDateTime now) {
        return jdbc.execute(conn -> {
            try (PreparedStatement up = conn.prepareStatement("UPDATE low_balance_episode SET ladder_from = ?,"
                    + " deadline = ?, updated_at = ? WHERE open_key = ? AND episode_start = ? AND ladder_from IS NULL")) {
                up.setDate(1, Date.valueOf(releasedOn));
                up.setDate(2, deadline == null ? null : Date.valueOf(deadline));
                up.setObject(3, now);
                up.setString(4, matterNumber);
                up.setDate(5, Date.valueOf(episodeStart));
                return up.executeUpdate() == 1;
            }
        });
    }

    /**
     * Closes the open episodes the rules decided to stop, in the caller's transaction.
     *
     * @return the stops that closed an episode (a stop for a matter with none open changes nothing)
     */
    @Transactional
    public List<EpisodeStop> stop(List<EpisodeStop> stops, LocalDate asOf, LocalDateTime now) {
        if (stops.isEmpty()) {
            return List.of();
        }
        return jdbc.execute(conn -> {
            List<EpisodeStop> stopped = new ArrayList<>();
            try (PreparedStatement stop = conn.prepareStatement("UPDATE low_balance_episode SET status = 'STOPPED',"
                    + " open_key = NULL, stopped_on = ?, stop_reason = ?, updated_at = ? WHERE open_key = ?")) {
                for (EpisodeStop s : stops) {
                    stop.setDate(1, Date.valueOf(asOf));
                    stop.setString(2, Columns.cut(s.reason(), 500));
                    stop.setObject(3, now);
                    stop.setString(4, s.matterNumber());
                    if (stop.executeUpdate() == 1) {
                        stopped.add(s);
                    }
                }
            }
            return stopped;
        });
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
