package com.trustwatch.rules;

import com.trustwatch.decision.Percent;
import com.trustwatch.matter.Tier;
import org.apache.poi.ss.util.CellReference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks across the rows of a sheet that no single cell can show: a band of monthly billing or of
 * share-of-threshold that two rows claim (overlap), or that no row claims (gap), a tier with no
 * reserve or with two, and an id used twice in the decision tables.
 *
 * <p>These are refused like a bad cell, not merely warned about: an overlap makes two rows fire for
 * one matter (two tiers, or two bands and so two client requests), and a gap makes none fire, so a
 * matter below its threshold gets no request and nobody hears of it. A warning that only shows in a
 * server log would be exactly the silent failure the tables are meant to prevent.
 */
final class TableChecks {

    static final String TIER_BY_BILLING = "Tier by monthly billing";
    static final String TIER_RESERVES = "Tier reserves";
    static final String PRACTICE_MINIMUMS = "Practice minimums";
    static final String SEVERITY_BANDS = "Severity bands";

    private static final BigDecimal ZERO = BigDecimal.ZERO;
    private static final BigDecimal ONE = BigDecimal.ONE;
    /** Shares of the threshold are compared at 4 decimals: a balance at or below zero is a share under 0.0001. */
    private static final BigDecimal ZERO_OR_LESS = new BigDecimal("0.0001");

    private TableChecks() {
    }

    /** Every problem across the given sheets (those that read without a cell problem), each naming rows and cells. */
    static List<String> check(Map<TableTemplate, List<TableRow>> tables) {
        List<String> problems = new ArrayList<>();
        tables.forEach((template, rows) -> {
            switch (template.sheet()) {
                case TIER_BY_BILLING -> tierBands(template, rows, problems);
                case TIER_RESERVES -> oneRowEach(template, rows, "tier", Tier.values().length, problems,
                        "a matter in %s would have no runway trigger and no reserve");
                case PRACTICE_MINIMUMS -> oneRowEach(template, rows, "practiceArea", 0, problems, null);
                case SEVERITY_BANDS -> severityBands(template, rows, problems);
                default -> {
                }
            }
        });
        uniqueIds(tables, problems);
        return problems;
    }

    // ---- Tier by monthly billing: every monthly billing from 0 up is in exactly one tier ----------------

    private static void tierBands(TableTemplate t, List<TableRow> rows, List<String> problems) {
        List<Band> bands = rows.stream().map(r -> new Band(t, r, "atLeast", "below")).toList();
        // amounts in a lint read as everywhere else people read them ("$8,000.00"), not as the cell holds them
        Function<BigDecimal, String> money = com.trustwatch.money.Money::letter;
        List<Issue> issues = new ArrayList<>(empty(bands));
        overlapsAndGaps(bands, ZERO, null, ZERO, null, issues);
        for (Issue issue : issues) {
            problems.add(issue.describe(t, "monthly billing", money, "tier",
                    "a matter billing that much would be in two tiers at once",
                    "a matter billing that much gets no tier, so no runway trigger and no reserve"));
        }
    }

    // ---- Severity bands: for each kind of matter, every share below the threshold in exactly one band ---

    private static void severityBands(TableTemplate t, List<TableRow> rows, List<String> problems) {
        Function<BigDecimal, String> percent = Percent::label;
        List<Band> all = rows.stream().map(r -> new Band(t, r, "atLeast", "below")).toList();
        for (Issue issue : empty(all)) {
            problems.add(issue.describe(t, "", percent, "band", "", ""));
        }
        for (Band b : all) {
            String depleted = b.row().values().get("depleted");
            if ("true".equals(depleted) && b.from() != null && b.from().signum() > 0
                    || "false".equals(depleted) && b.to() != null && b.to().signum() <= 0) {
                problems.add(t.workbook() + " › " + t.sheet() + " › " + cell(t, b.row(), "depleted") + ": "
                        + b.row().id() + " (row " + b.row().sheetRow() + ") can never apply: a balance "
                        + ("true".equals(depleted) ? "at or below zero is never " : "above zero is never ")
                        + b.label(percent) + " of the threshold. Change '" + header(t, "depleted")
                        + "' or the share columns.");
            }
        }
        for (boolean depleted : new boolean[] {false, true}) {
            // reachable shares: above zero, or at or below zero; required: every share below the threshold
            BigDecimal reachableFrom = depleted ? null : ZERO;
            BigDecimal reachableTo = depleted ? ZERO_OR_LESS : null;
            BigDecimal requiredFrom = depleted ? null : ZERO;
            BigDecimal requiredTo = depleted ? ZERO_OR_LESS : ONE;
            Map<Boolean, List<Issue>> byBilling = new LinkedHashMap<>();
            Map<Boolean, List<Band>> applying = new LinkedHashMap<>();
            for (boolean billing : new boolean[] {true, false}) {
                List<Band> bands = all.stream()
                        .filter(b -> applies(b.row().values().get("depleted"), depleted)
                                && applies(b.row().values().get("billing"), billing))
                        .filter(b -> !b.isEmpty()).toList();
                List<Issue> issues = new ArrayList<>();
                overlapsAndGaps(bands, reachableFrom, reachableTo, requiredFrom, requiredTo, issues);
                byBilling.put(billing, issues);
                applying.put(billing, bands);
            }
            Set<Issue> seen = new LinkedHashSet<>();
            Set<Boolean> uncovered = new LinkedHashSet<>();
            byBilling.forEach((billing, issues) -> {
                for (Issue issue : issues) {
                    if (depleted && issue.kind() != Kind.OVERLAP) {
                        uncovered.add(billing);
                        continue;
                    }
                    if (!seen.add(issue)) {
                        continue;
                    }
                    boolean both = byBilling.get(!billing).contains(issue);
                    if (depleted) {
                        problems.add(t.workbook() + " › " + t.sheet() + " › rows " + issue.first().row().sheetRow()
                                + " and " + issue.second().row().sheetRow() + ": " + issue.first().row().id() + " and "
                                + issue.second().row().id() + " both apply to a balance at or below zero"
                                + qualifier(both, billing) + "; such a matter would be in two bands at once, and get two "
                                + "requests and two sets of alerts. Change '" + header(t, "depleted") + "' or '"
                                + header(t, "billing") + "' so that only one of them applies.");
                        continue;
                    }
                    String who = "for a balance " + (depleted ? "at or below zero" : "above zero") + qualifier(both, billing)
                            + ", a share of the threshold";
                    problems.add(issue.describe(t, who, percent, "band",
                            "such a matter would be in two bands at once, and get two requests and two sets of alerts",
                            "such a matter is below its threshold but gets no band, so no client request and no alert"));
                }
            });
            for (boolean billing : uncovered) {
                if (uncovered.size() == 2 && !billing) {
                    break;
                }
                List<Band> bands = applying.get(billing);
                problems.add(t.workbook() + " › " + t.sheet() + ": no band covers a balance at or below zero"
                        + qualifier(uncovered.size() == 2, billing)
                        + (bands.isEmpty() ? " (no row applies to it)" : " (the rows that apply to it: "
                        + bands.stream().map(b -> Issue.name(b, percent)).collect(java.util.stream.Collectors.joining(", "))
                        + ")") + "; such a matter gets no band, so no client request and no alert. Add a row with '"
                        + header(t, "depleted") + "' Yes" + (uncovered.size() == 2 ? "" : " and '" + header(t, "billing")
                        + "' " + (billing ? "Yes" : "No")) + " and empty share columns.");
            }
        }
    }

    private static String qualifier(boolean bothBillingKinds, boolean billing) {
        return bothBillingKinds ? "" : billing ? " on a matter that is actively billing" : " on a matter that is not billing";
    }

    private static boolean applies(String condition, boolean actual) {
        return condition == null || Boolean.parseBoolean(condition) == actual;
    }

    // ---- bands in general ---------------------------------------------------------------------------------

    /** One row's half-open band [from, to): a null bound is open (no lower or no upper bound). */
    private record Band(TableTemplate template, TableRow row, String fromKey, String toKey, BigDecimal from,
                        BigDecimal to) {

        Band(TableTemplate template, TableRow row, String fromKey, String toKey) {
            this(template, row, fromKey, toKey, decimal(row.values().get(fromKey)), decimal(row.values().get(toKey)));
        }

        boolean isEmpty() {
            return from != null && to != null && from.compareTo(to) >= 0;
        }

        String fromCell() {
            return cell(template, row, fromKey);
        }

        String toCell() {
            return cell(template, row, toKey);
        }

        String label(Function<BigDecimal, String> unit) {
            if (from == null && to == null) {
                return "any amount";
            }
            if (from == null) {
                return "below " + unit.apply(to);
            }
            return to == null ? unit.apply(from) + " and above" : unit.apply(from) + " up to " + unit.apply(to);
        }

        private static BigDecimal decimal(String v) {
            return v == null ? null : new BigDecimal(v);
        }
    }

    private enum Kind { EMPTY, OVERLAP, GAP_BEFORE, GAP_BETWEEN, GAP_AFTER, NONE }

    /**
     * One finding: {@code first} and {@code second} are the rows involved in sheet order of their bands
     * ({@code null} where no row is), {@code from}/{@code to} the values concerned ({@code null}: unbounded).
     */
    private record Issue(Kind kind, Band first, Band second, BigDecimal from, BigDecimal to) {

        String describe(TableTemplate t, String what, Function<BigDecimal, String> unit, String noun,
                        String overlapMeans, String gapMeans) {
            String where = t.workbook() + " › " + t.sheet() + " › ";
            String range = range(unit);
            return switch (kind) {
                case EMPTY -> where + first.fromCell() + ", " + first.toCell() + ": " + first.row().id() + " (row "
                        + first.row().sheetRow() + ") starts at " + unit.apply(first.from()) + " but ends below "
                        + unit.apply(first.to()) + ", so no value is in it; the lower bound must be less than the upper bound";
                case OVERLAP -> where + second.fromCell() + ", " + first.toCell() + ": the " + noun + "s of "
                        + name(first, unit) + " and " + name(second, unit) + " overlap: " + what + " " + range
                        + " is in both; " + overlapMeans + "."
                        + (second.to() == null || (first.to() != null && first.to().compareTo(second.to()) <= 0)
                        ? " " + sameValue(t) : "");
                case GAP_BETWEEN -> where + first.toCell() + ", " + second.fromCell() + ": " + what + " " + range
                        + " is in no " + noun + ": " + name(first, unit) + " ends below " + unit.apply(from)
                        + " and " + name(second, unit) + " starts at " + unit.apply(to) + "; " + gapMeans + ". "
                        + sameValue(t);
                case GAP_BEFORE -> where + second.fromCell() + ": " + what + " " + range + " is in no " + noun
                        + ": the lowest " + noun + " is " + name(second, unit) + "; " + gapMeans + ". Leave "
                        + second.row().id() + "'s '" + header(t, second.fromKey()) + "' (" + second.fromCell()
                        + ") empty, or add a row for " + span(unit) + ".";
                case GAP_AFTER -> where + first.toCell() + ": " + what + " " + range + " is in no " + noun
                        + ": the highest " + noun + " is " + name(first, unit) + "; " + gapMeans + ". Leave "
                        + first.row().id() + "'s '" + header(t, first.toKey()) + "' (" + first.toCell()
                        + ") empty, or add a row for " + span(unit) + ".";
                case NONE -> t.workbook() + " › " + t.sheet() + ": " + what + " " + range + " is in no " + noun
                        + " (no row applies); " + gapMeans + ". Add a row for it.";
            };
        }

        /** The usual fix for two neighbouring bands: one ends exactly where the next begins. */
        private String sameValue(TableTemplate t) {
            return "Make " + first.row().id() + "'s '" + header(t, first.toKey()) + "' (" + first.toCell() + ") and "
                    + second.row().id() + "'s '" + header(t, second.fromKey()) + "' (" + second.fromCell()
                    + ") the same, so that one band ends where the next begins.";
        }

        private String range(Function<BigDecimal, String> unit) {
            if (from == null && to == null) {
                return "of any amount";
            }
            if (from == null) {
                return "below " + unit.apply(to);
            }
            return to == null ? "of " + unit.apply(from) + " and above" : "from " + unit.apply(from) + " up to " + unit.apply(to);
        }

        private String span(Function<BigDecimal, String> unit) {
            if (from == null) {
                return "below " + unit.apply(to);
            }
            return to == null ? unit.apply(from) + " and above" : unit.apply(from) + " up to " + unit.apply(to);
        }

        private static String name(Band b, Function<BigDecimal, String> unit) {
            return b.row().id() + " (row " + b.row().sheetRow() + ": " + b.label(unit) + ")";
        }
    }

    /** Bands whose lower bound is not below their upper bound: no value is in them. */
    private static List<Issue> empty(List<Band> bands) {
        return bands.stream().filter(Band::isEmpty).map(b -> new Issue(Kind.EMPTY, b, null, b.from(), b.to())).toList();
    }

    /**
     * Overlaps anywhere in the reachable values, and gaps in the required values
     * ({@code null} bounds are unbounded; all ranges are half-open, [from, to)).
     */
    private static void overlapsAndGaps(List<Band> all, BigDecimal reachableFrom, BigDecimal reachableTo,
                                        BigDecimal requiredFrom, BigDecimal requiredTo, List<Issue> issues) {
        List<Band> bands = new ArrayList<>(all.stream().filter(b -> !b.isEmpty()).toList());
        bands.sort(Comparator.comparing(Band::from, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Band::to, Comparator.nullsLast(Comparator.naturalOrder())));
        for (int i = 0; i < bands.size(); i++) {
            for (int j = i + 1; j < bands.size(); j++) {
                Band a = bands.get(i);
                Band b = bands.get(j);
                BigDecimal from = max(max(a.from(), b.from()), reachableFrom);
                BigDecimal to = min(min(a.to(), b.to()), reachableTo);
                if (below(from, to)) {
                    issues.add(new Issue(Kind.OVERLAP, a, b, max(a.from(), b.from()), min(a.to(), b.to())));
                }
            }
        }
        if (bands.isEmpty()) {
            issues.add(new Issue(Kind.NONE, null, null, requiredFrom, requiredTo));
            return;
        }
        // sweep: how far up the required values are covered so far, and by which row
        Band reached = null;
        BigDecimal covered = requiredFrom;
        boolean unbounded = false;
        for (Band b : bands) {
            if (unbounded || !below(covered, requiredTo)) {
                break;
            }
            if (b.from() != null && (covered == null || covered.compareTo(b.from()) < 0)) {
                BigDecimal gapTo = min(b.from(), requiredTo);
                issues.add(reached == null ? new Issue(Kind.GAP_BEFORE, null, b, covered, gapTo)
                        : new Issue(Kind.GAP_BETWEEN, reached, b, covered, gapTo));
            }
            if (b.to() == null) {
                unbounded = true;
                reached = b;
            } else if (covered == null || b.to().compareTo(covered) > 0) {
                covered = b.to();
                reached = b;
            }
        }
        if (!unbounded && below(covered, requiredTo)) {
            // no row reaches into the required values at all: say so without naming a row
            issues.add(reached == null ? new Issue(Kind.NONE, null, null, covered, requiredTo)
                    : new Issue(Kind.GAP_AFTER, reached, null, covered, requiredTo));
        }
    }

    /** {@code a < b}, where a null {@code a} is minus infinity and a null {@code b} is plus infinity. */
    private static boolean below(BigDecimal a, BigDecimal b) {
        return a == null || b == null || a.compareTo(b) < 0;
    }

    /** The larger lower bound (null = minus infinity). */
    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.max(b);
    }

    /** The smaller upper bound (null = plus infinity). */
    private static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.min(b);
    }

    // ---- one row per value -------------------------------------------------------------------------------

    /** Each value of {@code key} in one row only; with {@code expected > 0}, every tier present. */
    private static void oneRowEach(TableTemplate t, List<TableRow> rows, String key, int expected,
                                   List<String> problems, String missingMeans) {
        String where = t.workbook() + " › " + t.sheet() + " › ";
        Map<String, TableRow> first = new LinkedHashMap<>();
        for (TableRow row : rows) {
            String value = row.values().get(key);
            TableRow earlier = first.putIfAbsent(value, row);
            if (earlier != null) {
                problems.add(where + cell(t, row, key) + ": " + value + " already has a row, " + earlier.id() + " (row "
                        + earlier.sheetRow() + "); with two rows " + row.id() + " and " + earlier.id()
                        + " would both apply to the same matter. Keep one row per '" + header(t, key) + "'.");
            }
        }
        if (expected > 0) {
            for (Tier tier : Tier.values()) {
                if (!first.containsKey(tier.name())) {
                    problems.add(where + "no row for " + tier.name() + ": " + String.format(missingMeans, tier.name())
                            + ". Add a row with '" + header(t, key) + "' " + tier.name() + ".");
                }
            }
        }
    }

    // ---- ids ---------------------------------------------------------------------------------------------

    /** A row id names one rule everywhere (actions, audit, catalogue), so it is used once across all tables. */
    private static void uniqueIds(Map<TableTemplate, List<TableRow>> tables, List<String> problems) {
        Map<String, String> seen = new LinkedHashMap<>();
        tables.forEach((t, rows) -> {
            if (t.isTests()) {
                return; // an example's id names the example, not a rule: unique within its sheet is enough
            }
            for (TableRow row : rows) {
                String here = t.workbook() + " › " + t.sheet() + " › " + cell(t, row, "id");
                String earlier = seen.putIfAbsent(row.id(), here);
                if (earlier != null && !earlier.startsWith(t.workbook() + " › " + t.sheet() + " › ")) {
                    problems.add(here + ": the id " + row.id() + " is already used at " + earlier
                            + "; every row of every table needs an id of its own");
                }
            }
        });
    }

    // ---- cells -------------------------------------------------------------------------------------------

    static String cell(TableTemplate t, TableRow row, String key) {
        for (int c = 0; c < t.columns().size(); c++) {
            if (t.columns().get(c).key().equals(key)) {
                return new CellReference(row.sheetRow() - 1, c).formatAsString();
            }
        }
        throw new IllegalArgumentException("no column " + key + " in " + t.sheet());
    }

    private static String header(TableTemplate t, String key) {
        return t.columns().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow().header();
    }
}
