package com.trustwatch.rules;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.decision.Replenishment;
import com.trustwatch.decision.Today;
import com.trustwatch.matter.FeeType;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterStatus;
import com.trustwatch.matter.RetainerType;
import com.trustwatch.matter.Tier;
import io.micronaut.serde.annotation.Serdeable;
import org.kie.api.runtime.KieSession;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the examples of the workbooks' Tests sheets against a compiled ruleset. Each example is one
 * open, hourly matter on an evergreen retainer (jurisdiction ABA) with the facts of its row; the whole
 * ruleset decides, and the tier, threshold, requested amount, band and ladder stage it decided are
 * compared with the row's expectations. An empty expectation is not checked; "none" expects that the
 * ruleset decides nothing of that kind.
 *
 * <p>"Business days since the first request": the matter's client was asked that many business days
 * ago (stage 1 sent) and has not paid, so the escalation ladder applies. The expected request is the
 * amount of the client request (or of the attorney-review task that holds it), or with a ladder the
 * amount its steps name; the expected ladder stage is 1 for a first request, else the highest stage
 * due.
 */
public final class WorkbookTests {

    /** One example row of a Tests sheet. */
    record Example(String workbook, TableRow row) {
    }

    /** What one expectation was and what the ruleset decided instead. */
    @Serdeable
    public record Mismatch(String column, String cell, String expected, String actual) {
    }

    /** The outcome of one example: passed, or the expectations it missed. */
    @Serdeable
    public record Outcome(String workbook, String sheet, int row, String id, String name, boolean passed,
                          List<Mismatch> mismatches) {
    }

    private WorkbookTests() {
    }

    /** Runs every example of {@code workbooks} against {@code ruleset} as of {@code asOf}. */
    public static List<Outcome> run(Ruleset ruleset, CheckedWorkbooks workbooks, LocalDate asOf) {
        List<Outcome> out = new ArrayList<>();
        for (Example example : workbooks.examples()) {
            out.add(run(ruleset, example, asOf));
        }
        return out;
    }

    private static Outcome run(Ruleset ruleset, Example example, LocalDate asOf) {
        Map<String, String> v = example.row().values();
        String number = "TEST-" + example.row().id();
        Matter matter = Matter.builder().matterNumber(number).matterName(example.row().name()).clientId("TEST")
                .clientName("Tests sheet").jurisdiction("ABA").feeType(FeeType.HOURLY)
                .retainerType(RetainerType.EVERGREEN).status(MatterStatus.OPEN)
                .trustBalance(new BigDecimal(v.get("balance"))).monthlyBilling(decimal(v.get("monthlyBilling")))
                .floor(decimal(v.get("floor"))).originalRetainer(decimal(v.get("originalRetainer")))
                .clientTier(v.get("tier") == null ? null : Tier.valueOf(v.get("tier")))
                .practiceArea(v.get("practiceArea")).paymentPlan(false).disputed(false).build();
        Integer daysOpen = v.get("daysOpen") == null ? null : Integer.valueOf(v.get("daysOpen"));
        LocalDate start = daysOpen == null ? null : minusWeekdays(asOf, daysOpen);
        MatterFacts facts = MatterFacts.of(matter, asOf, start);

        KieSession session = ruleset.kieBase().newKieSession();
        Tier tier = null;
        BigDecimal threshold = null;
        String band = null;
        BigDecimal request = null;
        int stage = 0;
        try {
            session.insert(new Today(asOf));
            session.insert(facts);
            if (start != null) {
                session.insert(new OpenEpisode(number, start, 1, daysOpen));
            }
            session.fireAllRules();
            for (Object o : session.getObjects()) {
                if (o instanceof Replenishment r) {
                    tier = r.tier();
                    threshold = r.threshold() == null ? null : r.threshold().amount();
                    band = r.bandOrNull() == null ? null : r.bandOrNull().name();
                } else if (o instanceof ActionProposal p) {
                    if (p.type() == ActionType.REPLENISHMENT_REQUEST
                            || "ATTORNEY_REVIEW_REQUIRED".equals(p.code())) {
                        request = p.amount();
                        stage = Math.max(stage, 1);
                    } else if (p.episode().isLadderStage()) {
                        stage = Math.max(stage, p.episode().ladderStage());
                        request = request == null ? p.amount() : request;
                    }
                }
            }
        } finally {
            session.dispose();
        }
        List<Mismatch> mismatches = new ArrayList<>();
        TableTemplate t = ApprovedTables.TESTS.stream().filter(x -> x.workbook().equals(example.workbook()))
                .findFirst().orElseThrow();
        compare(t, example.row(), "expectedTier", tier == null ? null : tier.name(), mismatches);
        compare(t, example.row(), "expectedThreshold", money(threshold), mismatches);
        compare(t, example.row(), "expectedRequest", money(request), mismatches);
        compare(t, example.row(), "expectedBand", band, mismatches);
        compare(t, example.row(), "expectedStage", stage == 0 ? null : Integer.toString(stage), mismatches);
        return new Outcome(example.workbook(), t.sheet(), example.row().sheetRow(), example.row().id(),
                example.row().name(), mismatches.isEmpty(), mismatches);
    }

    private static void compare(TableTemplate t, TableRow row, String key, String actual, List<Mismatch> out) {
        String expected = row.values().get(key);
        if (expected == null) {
            return;
        }
        String want = TableTemplate.NONE.equals(expected) ? null : expected;
        if (!Objects.equals(want, actual)) {
            TableTemplate.Column column = t.columns().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
            out.add(new Mismatch(column.header(), TableChecks.cell(t, row, key), column.kind().display(expected),
                    actual == null ? "none" : column.kind().display(actual)));
        }
    }

    private static String money(BigDecimal v) {
        return v == null ? null : v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static BigDecimal decimal(String v) {
        return v == null ? null : new BigDecimal(v);
    }

    /** The weekday {@code days} weekdays before {@code from} (holidays do not matter to an example). */
    private static LocalDate minusWeekdays(LocalDate from, int days) {
        LocalDate d = from;
        for (int i = 0; i < days; ) {
            d = d.minusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                i++;
            }
        }
        return d;
    }
}
