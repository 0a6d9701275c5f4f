package com.trustwatch.console;

import com.trustwatch.action.Actions;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.Obligation;
import com.trustwatch.ledger.LedgerRepository;
import com.trustwatch.ledger.LedgerTransaction;
import com.trustwatch.ledger.TransactionType;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.matter.MatterStatus;
import com.trustwatch.money.Money;
import com.trustwatch.outbox.Outbox;
import com.trustwatch.outbox.OutboxState;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reports (seed 002): trust aging by runway bucket, replenishment performance, and the trust-account
 * activity of a month with the matters whose reconciliation is overdue, each a page with a chart, a
 * CSV download and a print stylesheet. The roles of the matters and ledger APIs they read: billing managers and admins.
 */
@Hidden
@Controller("/reports")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class ReportsController {

    /** Runway buckets, in days: a matter falls in the first whose upper bound its runway is under. */
    static final List<String> BUCKETS = List.of("Empty or overdrawn", "Under 7 days", "7 to 14 days", "15 to 30 days",
            "31 to 60 days", "61 to 90 days", "Over 90 days", "No monthly billing");
    static final int[] UPPER = {7, 15, 31, 61, 91};
    static final int CHUNK = 1000;

    private final MatterRepository matters;
    private final LedgerRepository ledger;
    private final ActiveRuleset active;
    private final Actions actions;
    private final Outbox outbox;
    private final Clock clock;

    ReportsController(MatterRepository matters, LedgerRepository ledger, ActiveRuleset active, Actions actions,
                      Outbox outbox, Clock clock) {
        this.matters = matters;
        this.ledger = ledger;
        this.active = active;
        this.actions = actions;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Get(produces = MediaType.TEXT_HTML)
    ModelAndView<Map<String, Object>> index(HttpRequest<?> request, Authentication user) {
        Map<String, Object> m = Pages.model(request, user, "Reports", "/reports");
        m.put("month", YearMonth.now(clock).minusMonths(1).toString());
        return new ModelAndView<>("reports", m);
    }

    static String bucketOf(Matter m, LocalDate today) {
        if (m.trustBalance().signum() <= 0) {
            return BUCKETS.get(0);
        }
        BigDecimal runway = MatterFacts.of(m, today).runwayDays();
        if (runway == null) {
            return BUCKETS.get(7);
        }
        for (int i = 0; i < UPPER.length; i++) {
            if (runway.compareTo(BigDecimal.valueOf(UPPER[i])) < 0) {
                return BUCKETS.get(i + 1);
            }
        }
        return BUCKETS.get(6);
    }

    /** Every matter, read in chunks by id (the whole book, without holding a cursor open). */
    private List<Matter> book() {
        List<Matter> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Matter> chunk = matters.findByIdGreaterThanOrderById(after, Pageable.from(0, CHUNK));
            all.addAll(chunk);
            if (chunk.size() < CHUNK) {
                return all;
            }
            after = chunk.get(chunk.size() - 1).id();
        }
    }

    @Get(value = "/trust-aging", produces = {MediaType.TEXT_HTML, "text/csv"})
    HttpResponse<?> trustAging(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String format) {
        LocalDate today = LocalDate.now(clock);
        List<Matter> open = book().stream().filter(x -> x.status() == MatterStatus.OPEN).toList();
        Map<String, List<Matter>> byBucket = new LinkedHashMap<>();
        BUCKETS.forEach(b -> byBucket.put(b, new ArrayList<>()));
        open.forEach(x -> byBucket.get(bucketOf(x, today)).add(x));
        if ("csv".equals(format)) {
            StringBuilder csv = new StringBuilder(CsvCells.line(List.of("bucket", "matter_number", "matter_name", "client",
                    "attorney", "trust_balance", "runway_days", "last_replenished_on")));
            byBucket.forEach((bucket, list) -> list.forEach(x -> csv.append(CsvCells.line(List.of(bucket, x.matterNumber(),
                    CsvCells.text(x.matterName()), CsvCells.text(x.clientName()), CsvCells.text(x.attorneyName()),
                    Money.json(x.trustBalance()), runway(x, today), date(x.lastReplenishedOn()))))));
            return csv(csv.toString(), "trust-aging-" + today + ".csv");
        }
        Map<String, Object> m = Pages.model(request, user, "Trust aging", "/reports");
        m.put("today", today.toString());
        m.put("total", open.size());
        List<Map<String, Object>> groups = new ArrayList<>();
        byBucket.forEach((bucket, list) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("bucket", bucket);
            g.put("count", list.size());
            g.put("balance", Money.letter(list.stream().map(Matter::trustBalance).reduce(BigDecimal.ZERO, BigDecimal::add)));
            g.put("rows", list.stream().limit(200).map(x -> Map.of("number", x.matterNumber(), "client", x.clientName(),
                    "balance", Money.letter(x.trustBalance()), "runway", runway(x, today),
                    "replenished", date(x.lastReplenishedOn()))).toList());
            g.put("more", Math.max(0, list.size() - 200));
            groups.add(g);
        });
        m.put("groups", groups);
        m.put("chart", Bars.of(BUCKETS, BUCKETS.stream().map(b -> (long) byBucket.get(b).size()).toList(),
                BUCKETS.stream().map(b -> byBucket.get(b).size() + " matters").toList()));
        return html("report-aging", m);
    }

    @Get(value = "/activity", produces = {MediaType.TEXT_HTML, "text/csv"})
    HttpResponse<?> activity(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String month,
                             @Nullable @QueryValue String format) {
        YearMonth ym;
        try {
            ym = month == null || month.isBlank() ? YearMonth.now(clock).minusMonths(1) : YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            Pages.flash(request, "month: '" + month + "' is not a month written as YYYY-MM (for example 2026-11)", true);
            return HttpResponse.seeOther(java.net.URI.create("/reports"));
        }
        LocalDate from = ym.atDay(1);
        LocalDate to = ym.atEndOfMonth();
        List<LedgerTransaction> entries = ledger.findByTxnDateBetweenOrderById(from, to);
        Map<String, BigDecimal[]> perMatter = new TreeMap<>();
        BigDecimal[] totals = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        for (LedgerTransaction t : entries) {
            BigDecimal[] sums = perMatter.computeIfAbsent(t.matterNumber(),
                    k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            int i = t.type() == TransactionType.DEPOSIT ? 0 : t.type() == TransactionType.DRAWDOWN ? 1 : 2;
            sums[i] = sums[i].add(t.amount());
            totals[i] = totals[i].add(t.amount());
        }
        Map<String, Matter> named = matters.findByMatterNumberIn(perMatter.keySet()).stream()
                .collect(Collectors.toMap(Matter::matterNumber, Function.identity()));
        LocalDate asOf = to.isBefore(LocalDate.now(clock)) ? to : LocalDate.now(clock);
        List<Map<String, Object>> overdue = new ArrayList<>();
        for (Matter x : book()) {
            if (x.status() != MatterStatus.OPEN) {
                continue;
            }
            int due = active.get().obligations().reconciliation(x.jurisdiction()).stream()
                    .map(Obligation::afterDays).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).min()
                    .orElse(-1);
            if (due < 0) {
                continue;
            }
            long days = x.lastReconciledOn() == null ? Long.MAX_VALUE : ChronoUnit.DAYS.between(x.lastReconciledOn(), asOf);
            if (days > due) {
                overdue.add(Map.of("number", x.matterNumber(), "client", x.clientName(), "jurisdiction", x.jurisdiction(),
                        "reconciled", date(x.lastReconciledOn()), "days", days == Long.MAX_VALUE ? "never" : Long.toString(days),
                        "due", Integer.toString(due)));
            }
        }
        if ("csv".equals(format)) {
            StringBuilder csv = new StringBuilder(CsvCells.line(List.of("matter_number", "client", "deposits", "drawdowns",
                    "refunds")));
            perMatter.forEach((n, s) -> csv.append(CsvCells.line(List.of(n, CsvCells.text(named.containsKey(n)
                    ? named.get(n).clientName() : ""), Money.json(s[0]), Money.json(s[1]), Money.json(s[2])))));
            csv.append(CsvCells.line(List.of("TOTAL", "", Money.json(totals[0]), Money.json(totals[1]), Money.json(totals[2]))));
            return csv(csv.toString(), "trust-activity-" + ym + ".csv");
        }
        Map<String, Object> m = Pages.model(request, user, "Trust-account activity " + ym, "/reports");
        m.put("month", ym.toString());
        m.put("from", from.toString());
        m.put("to", to.toString());
        m.put("rows", perMatter.entrySet().stream().map(e -> Map.of("number", e.getKey(),
                "client", named.containsKey(e.getKey()) ? named.get(e.getKey()).clientName() : "",
                "deposits", Money.letter(e.getValue()[0]), "drawdowns", Money.letter(e.getValue()[1]),
                "refunds", Money.letter(e.getValue()[2]))).toList());
        m.put("totals", Map.of("deposits", Money.letter(totals[0]), "drawdowns", Money.letter(totals[1]),
                "refunds", Money.letter(totals[2])));
        m.put("overdue", overdue);
        m.put("asOf", asOf.toString());
        m.put("chart", Bars.of(List.of("Deposits", "Drawdowns", "Refunds"),
                List.of(cents(totals[0]), cents(totals[1]), cents(totals[2])),
                List.of(Money.letter(totals[0]), Money.letter(totals[1]), Money.letter(totals[2]))));
        return html("report-activity", m);
    }

    @Get(value = "/replenishment", produces = {MediaType.TEXT_HTML, "text/csv"})
    HttpResponse<?> replenishment(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String format) {
        LocalDate today = LocalDate.now(clock);
        List<RecordedAction> stages = actions.ladderStages();
        List<Long> firstIds = stages.stream().filter(a -> ReplenishmentPerformance.stageOf(a) == 1).map(RecordedAction::id)
                .toList();
        java.util.Set<Long> sent = new java.util.HashSet<>();
        for (int i = 0; i < firstIds.size(); i += CHUNK) {
            outbox.statesOf(firstIds.subList(i, Math.min(firstIds.size(), i + CHUNK))).forEach((id, state) -> {
                if (state == OutboxState.SENT) {
                    sent.add(id);
                }
            });
        }
        LocalDate earliest = stages.stream().map(a -> a.action().asOf()).filter(java.util.Objects::nonNull)
                .min(LocalDate::compareTo).orElse(today);
        List<LedgerTransaction> deposits = ledger.findByTypeAndTxnDateGreaterThanEqualsOrderById(TransactionType.DEPOSIT, earliest);
        Map<String, Matter> involved = new java.util.HashMap<>();
        List<String> numbers = stages.stream().map(RecordedAction::matterNumber).distinct().toList();
        for (int i = 0; i < numbers.size(); i += CHUNK) {
            matters.findByMatterNumberIn(numbers.subList(i, Math.min(numbers.size(), i + CHUNK)))
                    .forEach(x -> involved.put(x.matterNumber(), x));
        }
        List<ReplenishmentPerformance.Request> requests = ReplenishmentPerformance.requests(stages, sent, deposits, involved);
        if ("csv".equals(format)) {
            StringBuilder csv = new StringBuilder(CsvCells.line(List.of("matter_number", "attorney", "requested_on", "sent",
                    "paid_on", "days_to_deposit", "stage_2_on", "paid_before_stage_2")));
            requests.forEach(r -> csv.append(CsvCells.line(List.of(r.matterNumber(), CsvCells.text(r.attorney()),
                    r.requested().toString(), Boolean.toString(r.sent()), date(r.paidOn()),
                    r.paid() ? Long.toString(r.days()) : "", date(r.stage2On()), Boolean.toString(r.paidBeforeStage2())))));
            return csv(csv.toString(), "replenishment-performance-" + today + ".csv");
        }
        Map<String, Object> m = Pages.model(request, user, "Replenishment performance", "/reports");
        m.put("today", today.toString());
        m.put("all", ReplenishmentPerformance.figures("All requests", requests));
        m.put("byAttorney", ReplenishmentPerformance.byAttorney(requests));
        m.put("byMonth", ReplenishmentPerformance.byMonth(requests));
        Map<String, Long> ages = ReplenishmentPerformance.outstandingByAge(requests, today);
        m.put("ages", ages);
        m.put("chart", Bars.of(List.copyOf(ages.keySet()), List.copyOf(ages.values()),
                ages.values().stream().map(v -> v + " outstanding").toList()));
        return html("report-replenishment", m);
    }

    private static long cents(BigDecimal amount) {
        return amount.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String runway(Matter x, LocalDate today) {
        BigDecimal r = MatterFacts.of(x, today).runwayDays();
        return r == null ? "" : r.setScale(0, RoundingMode.DOWN).toPlainString();
    }

    private static String date(@Nullable LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private static HttpResponse<?> html(String view, Map<String, Object> model) {
        return HttpResponse.ok(new ModelAndView<>(view, model)).contentType(MediaType.TEXT_HTML_TYPE);
    }

    private static HttpResponse<?> csv(String body, String name) {
        return HttpResponse.ok(body).contentType(MediaType.of("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }
}
