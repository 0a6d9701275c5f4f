package com.trustwatch.decision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every jurisdiction's obligation rows ({@link Obligation}), as one fact in each rules session. A
 * matter is read against its own jurisdiction's rows when that jurisdiction has a pack, and against
 * the default ({@code ABA}) rows otherwise, so a flag cites the matter's own jurisdiction or the ABA
 * Model Rules, never another state's rule. Rules read it with {@code from}:
 * {@code $row : Obligation(...) from $obligations.reconciliation($m.jurisdiction())}.
 */
public final class Obligations {

    /** The jurisdiction whose rows apply to any jurisdiction without a pack of its own. */
    public static final String DEFAULT = "ABA";
    private static final Map<Obligation.Kind, List<Obligation>> NO_ROWS = byKind(List.of());

    private final Map<String, List<Obligation>> byJurisdiction;
    // the rows of each pack by kind, worked out once: the trust reports and the benchmark baseline ask per matter
    private final Map<String, Map<Obligation.Kind, List<Obligation>>> byPackAndKind;

    public Obligations(List<Obligation> rows) {
        Map<String, List<Obligation>> map = new LinkedHashMap<>();
        for (Obligation row : rows) {
            map.computeIfAbsent(row.jurisdiction(), k -> new ArrayList<>()).add(row);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        this.byJurisdiction = Map.copyOf(map);
        Map<String, Map<Obligation.Kind, List<Obligation>>> packs = new HashMap<>();
        byJurisdiction.forEach((pack, packRows) -> packs.put(pack, byKind(packRows)));
        this.byPackAndKind = Map.copyOf(packs);
    }

    public static Obligations none() {
        return new Obligations(List.of());
    }

    /** The jurisdiction whose rows a matter in {@code jurisdiction} is read against. */
    public String packOf(String jurisdiction) {
        return jurisdiction != null && byJurisdiction.containsKey(jurisdiction) ? jurisdiction : DEFAULT;
    }

    /** Every row, grouped by jurisdiction in the order they were read. */
    public List<Obligation> all() {
        List<Obligation> out = new ArrayList<>();
        byJurisdiction.values().forEach(out::addAll);
        out.sort(Comparator.comparing(Obligation::file).thenComparingInt(Obligation::line));
        return out;
    }

    /**
     * Every row a matter in {@code jurisdiction} is read against: its own pack's, or the default pack's when
     * it has none (in the tables' order).
     */
    public List<Obligation> rowsFor(String jurisdiction) {
        return byJurisdiction.getOrDefault(packOf(jurisdiction), List.of());
    }

    /** The reconciliation stages of the matter's jurisdiction (one, or two for Illinois). */
    public List<Obligation> reconciliation(String jurisdiction) {
        return rows(jurisdiction, Obligation.Kind.RECONCILIATION);
    }

    /** The notice-on-receipt row of the matter's jurisdiction, as a list of at most one. */
    public List<Obligation> receiptNotice(String jurisdiction) {
        return rows(jurisdiction, Obligation.Kind.RECEIPT_NOTICE);
    }

    /** The negative-ledger row (citation, and any sentence the state adds), as a list of at most one. */
    public List<Obligation> negativeLedger(String jurisdiction) {
        return rows(jurisdiction, Obligation.Kind.NEGATIVE_LEDGER);
    }

    /** How long the matter's trust records are kept, if its jurisdiction's pack says so. */
    public Optional<Obligation> recordRetention(String jurisdiction) {
        return rows(jurisdiction, Obligation.Kind.RECORD_RETENTION).stream().findFirst();
    }

    private List<Obligation> rows(String jurisdiction, Obligation.Kind kind) {
        return byPackAndKind.getOrDefault(packOf(jurisdiction), NO_ROWS).get(kind);
    }

    /** {@code rows} by kind, every kind present (an empty list for a kind without rows). */
    private static Map<Obligation.Kind, List<Obligation>> byKind(List<Obligation> rows) {
        Map<Obligation.Kind, List<Obligation>> kinds = new EnumMap<>(Obligation.Kind.class);
        for (Obligation.Kind kind : Obligation.Kind.values()) {
            kinds.put(kind, rows.stream().filter(r -> r.kind() == kind).toList());
        }
        return kinds;
    }
}
