package com.trustwatch.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts one chunk's actions by type, severity, band and outcome, for {@link Evaluations#chunkRecorded}. */
final class Tallies {

    private final Map<List<String>, Integer> counts = new LinkedHashMap<>();

    void add(String type, String severity, String band, String outcome) {
        counts.merge(List.of(type, severity == null ? "" : severity, band == null ? "" : band, outcome), 1, Integer::sum);
    }

    List<Evaluations.Tally> list() {
        List<Evaluations.Tally> out = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> out.add(new Evaluations.Tally(k.get(0), k.get(1), k.get(2), k.get(3), n)));
        return out;
    }
}
