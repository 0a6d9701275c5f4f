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

    private final Map<String, List<Obligation>> byJurisdiction;
    // the rows of each pack by kind, worked out once: rules look them up for every matter of a session
    private final Map<String, Map<Obligation.Kind, List<Obligation>>> byPackAndKind;
    private final Map<Obligation.Kind, List<Obligation>> defaultRows;

    public Obligations(List<Obligation> rows) {
        Map<String, List<Obligation>> map = new LinkedHashMap<>();
        for (Obligation row : rows) {
            map.computeIfAbsent(row.jurisdiction(), k -> new ArrayList<>()).add(row);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        this.byJurisdiction = Map.copyOf(map);
        Map<String, Map<Obligation.Kind, List<Obligation>>> byKind = new HashMap<>();
        byJurisdiction.forEach((pack, packRows) -> {
            Map<Obligation.Kind, List<Obligation>> kinds = new EnumMap<>(Obligation.Kind.class);
            for (Obligation.Kind kind : Obligation.Kind.values()) {
                kinds.put(kind, packRows.stream().filter(r -> r.kind() == kind).toList());
            }
            byKind.put(pack, kinds);
        });
        this.byPackAndKind = byKind;
        Map<Obligation.Kind, List<Obligation>> none = new EnumMap<>(Obligation.Kind.class);
        for (Obligation.Kind kind : Obligation.Kind.values()) {
            none.put(kind, List.of());
        }
        this.defaultRows = byKind.getOrDefault(DEFAULT, none);
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
        Map<Obligation.Kind, List<Obligation>> pack = jurisdiction == null ? null : byPackAndKind.get(jurisdiction);
        return (pack != null ? pack : defaultRows).get(kind);
    }
}
