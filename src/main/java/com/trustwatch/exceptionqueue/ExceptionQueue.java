package com.trustwatch.exceptionqueue;

import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.web.Echo;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.TextRules;
import com.trustwatch.db.Columns;
import com.trustwatch.db.MultiRowInsert;
import com.trustwatch.web.TransitionRefusedException;
import com.trustwatch.db.Owns;
import com.trustwatch.db.Timestamps;
import com.trustwatch.decision.Severity;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/**
 * The exception queue: the items the executor and the dispatcher opened for a person, the findings
 * attached to them, and what people did about them. A matter has one open item per concern: a later
 * finding of the same concern is attached to it ({@code exception_finding}) instead of opening an item
 * of its own, and the item closes itself when an evaluation no longer finds anything of its concern.
 * Acknowledging and resolving change the item and append the audit entry in one transaction, so the
 * queue and the audit trail never disagree about who handled what.
 */
@Singleton
@Owns({"exception_item", "exception_finding"})
public class ExceptionQueue {

    static final int MAX_NOTE = 2000;
    /** Who closes an item whose cause is gone, in the item and the audit trail. */
    public static final String SYSTEM = "trustwatch";
    private static final String SELECT = "SELECT x.id, x.kind, x.matter_number, x.action_id, x.action_type, x.rule_id,"
            + " x.severity, x.summary, x.status, x.created_at, x.updated_at, x.handled_by, x.handled_note,"
            + " x.concern, x.findings, x.last_seen_at FROM exception_item x";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;
    private final AuditLog audit;
    private final Clock clock;
    private final LockConflicts conflicts;

    public ExceptionQueue(JdbcOperations jdbc, TransactionOperations<Connection> tx, AuditLog audit, Clock clock,
                          LockConflicts conflicts) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.conflicts = conflicts;
    }

    /**
     * Opens the items whose source has none yet, in the caller's transaction. An item with a concern
     * joins the open item of its matter and concern, as a finding, when there is one.
     */
    public void open(List<NewItem> items, LocalDateTime now) {
        insert(items.stream().filter(i -> i.concern() == null).toList(), now, false);
        List<NewItem> concerned = items.stream().filter(i -> i.concern() != null).toList();
        if (!concerned.isEmpty()) {
            tx.executeWrite(status -> jdbc.execute(conn -> {
                attach(conn, concerned, now);
                return null;
            }));
        }
    }

    /** An open item as {@link #attach} finds it, with the source that opened it. */
    private record OpenItem(long id, Severity severity, String sourceKey) {
    }

    /** What a group of findings makes of an item: its highest severity and the finding that leads it (or null). */
    private record Lead(Severity highest, NewItem lead) {

        /** The most severe finding at least as severe as {@code start} (the latest of equals); null lead if none. */
        static Lead of(Severity start, List<NewItem> findings) {
            Severity highest = start;
            NewItem lead = null;
            for (NewItem f : findings) {
                if (f.severity() != null && (highest == null || f.severity().atLeast(highest))) {
                    highest = f.severity();
                    lead = f;
                }
            }
            return new Lead(highest, lead);
        }
    }

    /**
     * Each finding goes to the open item of its matter and concern: the one already open, or one opened
     * now for the first findings of that concern. The item's severity becomes the highest of its
     * findings, and its summary and rule those of the most severe (the latest of equals). An item opened
     * here is written with its findings' count, severity, summary and rule at once; only an item that was
     * open already (or that a concurrent transaction opened first) is updated.
     */
    private void attach(Connection conn, List<NewItem> findings, LocalDateTime now) throws SQLException {
        Map<String, List<NewItem>> byKey = new LinkedHashMap<>();
        for (NewItem f : findings) {
            byKey.computeIfAbsent(openKey(f.matterNumber(), f.concern()), k -> new ArrayList<>()).add(f);
        }
        // Lock only the items that exist, by primary key. A locking read by open_key locks what it scans: the
        // gaps where a key is missing, and, where the optimizer scans the table (it does on a small one), every
        // row; two transactions recording other matters' findings (two workers of a leased run) then deadlock.
        Map<String, OpenItem> open = lockOpen(conn, openItems(conn, byKey.keySet(), false));
        List<String> missing = byKey.keySet().stream().filter(k -> !open.containsKey(k)).toList();
        Map<String, String> openedBy = new HashMap<>();
        if (!missing.isEmpty()) {
            MultiRowInsert.insert(conn, "INSERT IGNORE INTO exception_item (source_key, kind, matter_number, action_id,"
                    + " action_type, rule_id, severity, summary, status, created_at, updated_at, concern, open_key,"
                    + " findings, last_seen_at)", "(?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?)", "", missing,
                    (ps, i, key) -> {
                        List<NewItem> group = byKey.get(key);
                        // a task names the item's kind: the overdraft is a task even when a flag came first
                        NewItem first = group.stream().filter(f -> f.kind() == ItemKind.TASK).findFirst()
                                .orElse(group.get(0));
                        Lead lead = Lead.of(first.severity(), group);
                        NewItem shown = lead.lead() == null ? first : lead.lead();
                        String source = Columns.cut(first.sourceKey(), 255);
                        openedBy.put(key, source);
                        ps.setString(i, source);
                        ps.setString(i + 1, first.kind().name());
                        ps.setString(i + 2, first.matterNumber());
                        ps.setObject(i + 3, first.actionId());
                        ps.setString(i + 4, first.actionType());
                        // the rule named beside the summary is the rule of that summary's finding
                        ps.setString(i + 5, shown.ruleId());
                        ps.setString(i + 6, lead.highest() == null ? null : lead.highest().name());
                        ps.setString(i + 7, Columns.cut(shown.summary(), 2000));
                        ps.setObject(i + 8, now);
                        ps.setObject(i + 9, now);
                        ps.setString(i + 10, Columns.cut(first.concern(), 64));
                        ps.setString(i + 11, key);
                        ps.setInt(i + 12, group.size());
                        ps.setObject(i + 13, now);
                    });
            // this transaction's own rows are visible without a lock; a key another transaction opened first
            // (its insert made ours a no-op) is read with a lock, which sees its committed row
            Map<String, OpenItem> opened = openItems(conn, missing, false);
            List<String> elsewhere = missing.stream().filter(k -> !opened.containsKey(k)).toList();
            open.putAll(opened);
            if (!elsewhere.isEmpty()) {
                open.putAll(openItems(conn, elsewhere, true));
            }
        }
        List<Map.Entry<Long, NewItem>> found = new ArrayList<>(findings.size());
        try (PreparedStatement item = conn.prepareStatement("UPDATE exception_item SET findings = findings + ?,"
                     + " severity = ?, summary = ?, rule_id = ?, last_seen_at = ?, updated_at = ? WHERE id = ?");
             PreparedStatement count = conn.prepareStatement("UPDATE exception_item SET findings = findings + ?,"
                     + " last_seen_at = ?, updated_at = ? WHERE id = ?")) {
            for (Map.Entry<String, List<NewItem>> e : byKey.entrySet()) {
                OpenItem target = open.get(e.getKey());
                if (target == null) {
                    throw new IllegalStateException("no open exception item for " + e.getKey());
                }
                e.getValue().forEach(f -> found.add(Map.entry(target.id(), f)));
                if (target.sourceKey().equals(openedBy.get(e.getKey()))) {
                    continue; // opened just now with these findings counted
                }
                Lead lead = Lead.of(target.severity(), e.getValue());
                if (lead.lead() == null) {
                    // nothing as severe as the item already is: keep its summary, count the findings
                    count.setInt(1, e.getValue().size());
                    count.setObject(2, now);
                    count.setObject(3, now);
                    count.setLong(4, target.id());
                    count.addBatch();
                    continue;
                }
                item.setInt(1, e.getValue().size());
                item.setString(2, lead.highest().name());
                item.setString(3, Columns.cut(lead.lead().summary(), 2000));
                // the rule named beside the summary is the rule of that summary's finding, not of the first one
                item.setString(4, lead.lead().ruleId());
                item.setObject(5, now);
                item.setObject(6, now);
                item.setLong(7, target.id());
                item.addBatch();
            }
            MultiRowInsert.insert(conn, "INSERT INTO exception_finding (item_id, action_id, code, severity, rule_id,"
                    + " summary, found_at)", "(?, ?, ?, ?, ?, ?, ?)", "", found, (finding, i, e) -> {
                        NewItem f = e.getValue();
                        finding.setLong(i, e.getKey());
                        finding.setObject(i + 1, f.actionId());
                        finding.setString(i + 2, f.code());
                        finding.setString(i + 3, f.severity() == null ? null : f.severity().name());
                        finding.setString(i + 4, f.ruleId());
                        finding.setString(i + 5, Columns.cut(f.summary(), 2000));
                        finding.setObject(i + 6, now);
                    });
            item.executeBatch();
            count.executeBatch();
        }
    }

    /** Locks the items {@code seen} found by their ids; those that are no longer open under their key are left out. */
    private static Map<String, OpenItem> lockOpen(Connection conn, Map<String, OpenItem> seen) throws SQLException {
        Map<String, OpenItem> locked = items(conn, "id", seen.values().stream().map(OpenItem::id).toList(), true);
        locked.keySet().retainAll(seen.keySet()); // an item closed meanwhile has no open key any more
        return locked;
    }

    private static Map<String, OpenItem> openItems(Connection conn, Collection<String> keys, boolean lock)
            throws SQLException {
        return items(conn, "open_key", keys, lock);
    }

    /** The items whose {@code column} is one of {@code values}, by open key (null for a closed item). */
    private static Map<String, OpenItem> items(Connection conn, String column, Collection<?> values, boolean lock)
            throws SQLException {
        Map<String, OpenItem> out = new HashMap<>();
        List<?> all = new ArrayList<>(values);
        for (int from = 0; from < all.size(); from += 500) {
            List<?> part = all.subList(from, Math.min(all.size(), from + 500));
            try (PreparedStatement ps = conn.prepareStatement("SELECT open_key, id, severity, source_key FROM exception_item"
                    + " WHERE " + column + " IN (" + String.join(",", Collections.nCopies(part.size(), "?")) + ")"
                    + (lock ? " FOR UPDATE" : ""))) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setObject(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String severity = rs.getString(3);
                        out.put(rs.getString(1), new OpenItem(rs.getLong(2),
                                severity == null ? null : Severity.valueOf(severity), rs.getString(4)));
                    }
                }
            }
        }
        return out;
    }

    private static String openKey(String matterNumber, String concern) {
        return Columns.cut(matterNumber + "|" + concern, 160);
    }

    /**
     * Closes, in the caller's transaction, the open items of some matters whose concern an evaluation no
     * longer finds: the cause is gone (the deposit ended the episode, the data was filled in). Items
     * without a concern (dead letters) are left to people.
     *
     * @param present the concerns an evaluation still finds, by matter number (a matter absent: none)
     * @param reason  the reason to record for a matter's closed items
     * @return the items closed, as they are now; the caller audits them
     */
    public List<ExceptionItem> closeGone(Collection<String> matterNumbers, Map<String, Set<String>> present,
                                         Function<ExceptionItem, String> reason, LocalDateTime now) {
        if (matterNumbers.isEmpty()) {
            return List.of();
        }
        return tx.executeWrite(status -> jdbc.execute(conn -> {
            List<ExceptionItem> gone = new ArrayList<>();
            List<String> all = new ArrayList<>(matterNumbers);
            for (int from = 0; from < all.size(); from += 500) {
                List<String> part = all.subList(from, Math.min(all.size(), from + 500));
                try (PreparedStatement ps = conn.prepareStatement(SELECT + " WHERE x.open_key IS NOT NULL"
                        + " AND x.matter_number IN (" + String.join(",", Collections.nCopies(part.size(), "?")) + ")")) {
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 1, part.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ExceptionItem item = read(rs);
                            if (!present.getOrDefault(item.matterNumber(), Set.of()).contains(item.concern())) {
                                gone.add(item);
                            }
                        }
                    }
                }
            }
            if (gone.isEmpty()) {
                return List.of();
            }
            Map<Long, String> notes = new LinkedHashMap<>();
            try (PreparedStatement up = conn.prepareStatement("UPDATE exception_item SET status = 'RESOLVED',"
                    + " handled_by = ?, handled_note = ?, open_key = NULL, updated_at = ? WHERE id = ? AND open_key IS NOT NULL")) {
                for (ExceptionItem item : gone) {
                    String note = Columns.cut(reason.apply(item), MAX_NOTE);
                    up.setString(1, SYSTEM);
                    up.setString(2, note);
                    up.setObject(3, now);
                    up.setLong(4, item.id());
                    up.addBatch();
                    notes.put(item.id(), note);
                }
                int[] counts = up.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        notes.remove(gone.get(i).id()); // closed meanwhile by someone else: not ours to audit
                    }
                }
            }
            // read back in one query; where the driver could not say how many rows a statement changed, the
            // item is ours if it now carries this evaluation's note
            Map<Long, ExceptionItem> after = byIds(conn, notes.keySet());
            List<ExceptionItem> closed = new ArrayList<>(notes.size());
            notes.forEach((id, note) -> {
                ExceptionItem item = after.get(id);
                if (item != null && SYSTEM.equals(item.handledBy()) && note.equals(item.handledNote())) {
                    closed.add(item);
                }
            });
            return closed;
        }));
    }

    /**
     * Opens items, or reopens the one its source already has, whatever became of it: a dead letter
     * sent again that dies again needs a person again.
     */
    public void openOrReopen(List<NewItem> items, LocalDateTime now) {
        insert(items, now, true);
    }

    private void insert(List<NewItem> items, LocalDateTime now, boolean reopen) {
        if (items.isEmpty()) {
            return;
        }
        tx.executeWrite(status -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT " + (reopen ? "" : "IGNORE ")
                    + "INTO exception_item (source_key, kind, matter_number, action_id, action_type, rule_id, severity,"
                    + " summary, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)"
                    + (reopen ? " ON DUPLICATE KEY UPDATE status = 'OPEN', summary = ?, updated_at = ?,"
                    + " handled_by = NULL, handled_note = NULL" : ""))) {
                for (NewItem item : items) {
                    ps.setString(1, Columns.cut(item.sourceKey(), 255));
                    ps.setString(2, item.kind().name());
                    ps.setString(3, item.matterNumber());
                    ps.setObject(4, item.actionId());
                    ps.setString(5, item.actionType());
                    ps.setString(6, item.ruleId());
                    ps.setString(7, item.severity() == null ? null : item.severity().name());
                    ps.setString(8, Columns.cut(item.summary(), 2000));
                    ps.setObject(9, now);
                    ps.setObject(10, now);
                    if (reopen) {
                        ps.setString(11, Columns.cut(item.summary(), 2000));
                        ps.setObject(12, now);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        }));
    }

    /**
     * Whether the items some actions opened, or were attached to as findings, still wait for a person: by
     * action id, true while the item is OPEN or ACKNOWLEDGED, false once it is RESOLVED (actions with no item
     * are absent).
     */
    public Map<Long, Boolean> openByAction(Collection<Long> actionIds) {
        Map<Long, Boolean> out = new HashMap<>();
        List<Long> ids = new ArrayList<>(actionIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 1000));
            tx.executeRead(status -> jdbc.execute(conn -> {
                // an action opened its item, or was attached to the open item of its matter and concern as a finding
                String marks = String.join(",", Collections.nCopies(part.size(), "?"));
                try (PreparedStatement ps = conn.prepareStatement("SELECT action_id, status FROM exception_item"
                        + " WHERE kind <> 'DEAD_LETTER' AND action_id IN (" + marks + ")"
                        + " UNION SELECT f.action_id, x.status FROM exception_finding f JOIN exception_item x"
                        + " ON x.id = f.item_id WHERE x.kind <> 'DEAD_LETTER' AND f.action_id IN (" + marks + ")")) {
                    for (int i = 0; i < part.size(); i++) {
                        ps.setLong(i + 1, part.get(i));
                        ps.setLong(part.size() + i + 1, part.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.merge(rs.getLong(1), ItemStatus.valueOf(rs.getString(2)) != ItemStatus.RESOLVED,
                                    Boolean::logicalOr);
                        }
                    }
                }
                return null;
            }));
        }
        return out;
    }

    /** Items oldest first, optionally only of one status, kind or matter; at most {@code limit}. */
    public List<ExceptionItem> list(String status, String kind, String matter, int limit) {
        return page(status, kind, matter, 0, limit);
    }

    /**
     * One page of the queue, oldest first, optionally only of one status, kind or matter.
     *
     * @throws InvalidInput when status or kind names none
     */
    public List<ExceptionItem> page(String status, String kind, String matter, long offset, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = SELECT + where(status, kind, matter, params) + " ORDER BY x.created_at, x.id LIMIT ? OFFSET ?";
        params.add(limit);
        params.add(offset);
        return tx.executeRead(status2 -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                List<ExceptionItem> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        }));
    }

    /** How many items the same filters select. */
    public long count(String status, String kind, String matter) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM exception_item x" + where(status, kind, matter, params);
        return tx.executeRead(status2 -> jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }));
    }

    private static String where(String status, String kind, String matter, List<Object> params) {
        List<FieldError> errors = new ArrayList<>();
        String statusFilter = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (statusFilter != null && Arrays.stream(ItemStatus.values()).noneMatch(s -> s.name().equals(statusFilter))) {
            errors.add(new FieldError(null, "status", Echo.of(status) + " is not one of "
                    + Arrays.toString(ItemStatus.values()).replaceAll("[\\[\\]]", "")));
        }
        String kindFilter = kind == null || kind.isBlank() ? null : kind.trim().toUpperCase(Locale.ROOT);
        if (kindFilter != null && Arrays.stream(ItemKind.values()).noneMatch(k -> k.name().equals(kindFilter))) {
            errors.add(new FieldError(null, "kind", Echo.of(kind) + " is not one of "
                    + Arrays.toString(ItemKind.values()).replaceAll("[\\[\\]]", "")));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (statusFilter != null) {
            sql.append(" AND x.status = ?");
            params.add(statusFilter);
        }
        if (kindFilter != null) {
            sql.append(" AND x.kind = ?");
            params.add(kindFilter);
        }
        if (matter != null && !matter.isBlank()) {
            sql.append(" AND x.matter_number = ?");
            params.add(matter.trim());
        }
        return sql.toString();
    }

    /** One item, with its findings oldest first. */
    public ExceptionItem find(long id) {
        return tx.executeRead(status -> jdbc.execute(conn -> {
            ExceptionItem item = byId(conn, id);
            List<ExceptionFinding> findings = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT id, action_id, code, severity, rule_id, summary,"
                    + " found_at FROM exception_finding WHERE item_id = ? ORDER BY id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long action = rs.getLong(2);
                        Long actionId = rs.wasNull() ? null : action;
                        findings.add(new ExceptionFinding(rs.getLong(1), actionId, rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getObject(7, LocalDateTime.class)));
                    }
                }
            }
            return item.withFindings(findings);
        }));
    }

    /** Someone has the item in hand. Only an OPEN item can be acknowledged. */
    public ExceptionItem acknowledge(long id, String user, String note) {
        return move(id, ItemStatus.ACKNOWLEDGED, user, note);
    }

    /** The item is dealt with; the note says how. An OPEN or ACKNOWLEDGED item can be resolved, once. */
    public ExceptionItem resolve(long id, String user, String note) {
        if (note == null || note.isBlank()) {
            throw new InvalidInput(List.of(new FieldError(null, "note",
                    "say how the item was resolved: a resolution without a note cannot be audited")));
        }
        return move(id, ItemStatus.RESOLVED, user, note);
    }

    private ExceptionItem move(long id, ItemStatus to, String user, String note) {
        String text;
        try {
            // a note may be typed over several lines; it is kept (and audited) as one
            text = note == null ? "" : TextRules.folded(note, MAX_NOTE);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(List.of(new FieldError(null, "note", e.getMessage())));
        }
        String what = "moving exception item " + id + " to " + to;
        return conflicts.retry(what, () -> tx.executeWrite(status -> jdbc.execute(conn -> {
            ExceptionItem item;
            try (PreparedStatement lock = conn.prepareStatement(
                    "SELECT id FROM exception_item WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, id);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("no exception item " + id);
                    }
                }
                item = byId(conn, id);
            }
            ItemStatus from = ItemStatus.valueOf(item.status());
            if (!from.canBecome(to)) {
                throw new TransitionRefusedException("exception item " + id + " is " + from
                        + (item.handledBy() == null ? "" : " (" + from.verb() + " by " + item.handledBy() + ")")
                        + ": it cannot be " + to.verb() + (from == to ? " again" : ""));
            }
            LocalDateTime now = Timestamps.now(clock);
            // a resolved item no longer holds its matter's concern: a new finding opens a new item
            try (PreparedStatement up = conn.prepareStatement("UPDATE exception_item SET status = ?, handled_by = ?,"
                    + " handled_note = ?, updated_at = ?" + (to == ItemStatus.RESOLVED ? ", open_key = NULL" : "")
                    + " WHERE id = ?")) {
                up.setString(1, to.name());
                up.setString(2, user);
                up.setString(3, text.isEmpty() ? null : text);
                up.setObject(4, now);
                up.setLong(5, id);
                up.executeUpdate();
            }
            audit.append(AuditRecord.of(to == ItemStatus.ACKNOWLEDGED ? AuditKind.EXCEPTION_ACKNOWLEDGED
                    : AuditKind.EXCEPTION_RESOLVED, user, "exception item " + id + " (" + item.kind() + ") " + to.verb()
                    + (text.isEmpty() ? "" : ": " + text)).forMatter(item.matterNumber()).forAction(item.actionId(),
                    item.ruleId()));
            return byId(conn, id);
        })));
    }

    /** Items by id, read in one query per 500 ids; an id with no item is absent. */
    private static Map<Long, ExceptionItem> byIds(Connection conn, Collection<Long> ids) throws SQLException {
        Map<Long, ExceptionItem> out = new HashMap<>();
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<Long> part = all.subList(from, Math.min(all.size(), from + 500));
            try (PreparedStatement ps = conn.prepareStatement(SELECT + " WHERE x.id IN ("
                    + String.join(",", Collections.nCopies(part.size(), "?")) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setLong(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ExceptionItem item = read(rs);
                        out.put(item.id(), item);
                    }
                }
            }
        }
        return out;
    }

    private ExceptionItem byId(Connection conn, long id) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(SELECT + " WHERE x.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("no exception item " + id);
                }
                return read(rs);
            }
        }
    }

    private static ExceptionItem read(ResultSet rs) throws SQLException {
        long action = rs.getLong(4);
        Long actionId = rs.wasNull() ? null : action;
        return new ExceptionItem(rs.getLong(1), rs.getString(2), rs.getString(3), actionId, rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getObject(10, LocalDateTime.class), rs.getObject(11, LocalDateTime.class), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getInt(15), rs.getObject(16, LocalDateTime.class), null);
    }
}
