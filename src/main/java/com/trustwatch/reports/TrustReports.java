package com.trustwatch.reports;

import com.trustwatch.action.Actions;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.Obligation;
import com.trustwatch.episode.Episodes;
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
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The three reports of seed 002, worked out in one place for the console's Reports pages, their CSV
 * downloads and the monthly email to the trust-account supervisor: trust aging (every open matter by
 * runway bucket), trust-account activity of a month (deposits, drawdowns and refunds per matter, with
 * the open matters whose reconciliation is overdue) and replenishment performance (each client
 * request and what became of it, {@link ReplenishmentPerformance}). It reads the book, the ledger,
 * the recorded actions and their delivery state; it changes nothing. "Today" is the caller's: the
 * firm's date ({@code config.FirmTime}).
 */
@Singleton
public class TrustReports {

    /** Runway buckets, in days: a matter falls in the first whose upper bound its runway is under. */
    public static final List<String> BUCKETS = List.of("Empty or overdrawn", "Under 7 days", "7 to 14 days",
            "15 to 30 days", "31 to 60 days", "61 to 90 days", "Over 90 days", "No monthly billing");
    static final int[] UPPER = {7, 15, 31, 61, 91};
    static final int CHUNK = 1000;

    /** Trust aging as of {@code today}: the open matters of each bucket, in {@link #BUCKETS} order. */
    public record TrustAging(LocalDate today, Map<String, List<Matter>> byBucket) {

        /** How many open matters there are. */
        public int total() {
            return byBucket.values().stream().mapToInt(List::size).sum();
        }

        /** The trust balances of a bucket's matters, added up. */
        public BigDecimal balance(String bucket) {
            return byBucket.get(bucket).stream().map(Matter::trustBalance).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** Whole days of runway as of {@code today}, rounded down; "" when the matter has no monthly billing. */
        public String runway(Matter m) {
            return TrustReports.runway(m, today);
        }

        /** The CSV download: one line per open matter, bucket by bucket. */
        public String csv() {
            StringBuilder csv = new StringBuilder(CsvCells.line(List.of("bucket", "matter_number", "matter_name", "client",
                    "attorney", "trust_balance", "runway_days", "last_replenished_on")));
            byBucket.forEach((bucket, list) -> list.forEach(x -> csv.append(CsvCells.line(List.of(bucket, x.matterNumber(),
                    CsvCells.text(x.matterName()), CsvCells.text(x.clientName()), CsvCells.text(x.attorneyName()),
                    Money.json(x.trustBalance()), runway(x), date(x.lastReplenishedOn()))))));
            return csv.toString();
        }

        public String csvName() {
            return "trust-aging-" + today + ".csv";
        }
    }

    /** One matter's movements in a month. */
    public record MatterActivity(String matterNumber, String client, BigDecimal deposits, BigDecimal drawdowns,
                                 BigDecimal refunds) {
    }

    /**
     * An open matter whose reconciliation is overdue as of {@code asOf}.
     *
     * @param daysSince days since its last reconciliation; null when it was never reconciled
     * @param dueEvery  the jurisdiction's reconciliation period, in days
     */
    public record Overdue(String matterNumber, String client, String jurisdiction, LocalDate reconciledOn, Long daysSince,
                          int dueEvery) {
    }

    /**
     * Trust-account activity of {@code month}: the sums per matter that moved, the totals, and the open
     * matters whose reconciliation is overdue as of {@code asOf} (the month's last day, or today while
     * the month runs).
     */
    public record Activity(YearMonth month, LocalDate asOf, List<MatterActivity> matters, BigDecimal deposits,
                           BigDecimal drawdowns, BigDecimal refunds, List<Overdue> overdue) {

        public LocalDate from() {
            return month.atDay(1);
        }

        public LocalDate to() {
            return month.atEndOfMonth();
        }

        /** The CSV download: one line per matter that moved, then the totals. */
        public String csv() {
            StringBuilder csv = new StringBuilder(CsvCells.line(List.of("matter_number", "client", "deposits", "drawdowns",
                    "refunds")));
            matters.forEach(a -> csv.append(CsvCells.line(List.of(a.matterNumber(), CsvCells.text(a.client()),
                    Money.json(a.deposits()), Money.json(a.drawdowns()), Money.json(a.refunds())))));
            csv.append(CsvCells.line(List.of("TOTAL", "", Money.json(deposits), Money.json(drawdowns), Money.json(refunds))));
            return csv.toString();
        }

        public String csvName() {
            return "trust-activity-" + month + ".csv";
        }
    }

    /** Replenishment performance as of {@code today}: every client request on record and what became of it. */
    public record Replenishment(LocalDate today, List<ReplenishmentPerformance.Request> requests) {

        /** The figures of every request on record. */
        public ReplenishmentPerformance.Figures all() {
            return ReplenishmentPerformance.figures("All requests", requests);
        }

        /** The requests made in {@code month}. */
        public List<ReplenishmentPerformance.Request> madeIn(YearMonth month) {
            return requests.stream().filter(r -> YearMonth.from(r.requested()).equals(month)).toList();
        }

        public List<ReplenishmentPerformance.Figures> byAttorney() {
            return ReplenishmentPerformance.byAttorney(requests);
        }

        public List<ReplenishmentPerformance.Figures> byMonth() {
            return ReplenishmentPerformance.byMonth(requests);
        }

        /** Requests still asked of the client (not paid, the episode open), by age in days from the request to {@code today}. */
        public Map<String, Long> outstandingByAge() {
            return ReplenishmentPerformance.outstandingByAge(requests, today);
        }

        /** The CSV download: one line per request. */
        public String csv() {
            StringBuilder csv = new StringBuilder(CsvCells.line(List.of("matter_number", "attorney", "requested_on", "sent",
                    "paid_on", "days_to_deposit", "stage_2_on", "episode_ended_on", "paid_before_stage_2")));
            requests.forEach(r -> csv.append(CsvCells.line(List.of(r.matterNumber(), CsvCells.text(r.attorney()),
                    r.requested().toString(), Boolean.toString(r.sent()), date(r.paidOn()),
                    r.paid() ? Long.toString(r.days()) : "", date(r.stage2On()), date(r.episodeEndedOn()),
                    // empty while it is not known yet: a fresh unpaid request is neither before nor after stage 2
                    r.outcomeKnown() ? Boolean.toString(r.paidBeforeStage2()) : ""))));
            return csv.toString();
        }

        public String csvName() {
            return "replenishment-performance-" + today + ".csv";
        }
    }

    private final MatterRepository matters;
    private final LedgerRepository ledger;
    private final ActiveRuleset active;
    private final Actions actions;
    private final Outbox outbox;
    private final Episodes episodes;

    public TrustReports(MatterRepository matters, LedgerRepository ledger, ActiveRuleset active, Actions actions,
                        Outbox outbox, Episodes episodes) {
        this.episodes = episodes;
        this.matters = matters;
        this.ledger = ledger;
        this.active = active;
        this.actions = actions;
        this.outbox = outbox;
    }

    /** Every open matter by runway bucket as of {@code today}. */
    public TrustAging trustAging(LocalDate today) {
        Map<String, List<Matter>> byBucket = new LinkedHashMap<>();
        BUCKETS.forEach(b -> byBucket.put(b, new ArrayList<>()));
        book().stream().filter(x -> x.status() == MatterStatus.OPEN).forEach(x -> byBucket.get(bucketOf(x, today)).add(x));
        return new TrustAging(today, byBucket);
    }

    /** The activity of {@code month} from the ledger, with overdue reconciliations as of its end (or {@code today}). */
    public Activity activity(YearMonth month, LocalDate today) {
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        Map<String, BigDecimal[]> perMatter = new TreeMap<>();
        BigDecimal[] totals = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        for (LedgerTransaction t : ledger.findByTxnDateBetweenOrderById(from, to)) {
            BigDecimal[] sums = perMatter.computeIfAbsent(t.matterNumber(),
                    k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            int i = t.type() == TransactionType.DEPOSIT ? 0 : t.type() == TransactionType.DRAWDOWN ? 1 : 2;
            sums[i] = sums[i].add(t.amount());
            totals[i] = totals[i].add(t.amount());
        }
        Map<String, Matter> named = byNumber(perMatter.keySet());
        List<MatterActivity> rows = new ArrayList<>();
        perMatter.forEach((n, s) -> rows.add(new MatterActivity(n, named.containsKey(n) ? named.get(n).clientName() : "",
                s[0], s[1], s[2])));
        LocalDate asOf = to.isBefore(today) ? to : today;
        List<Overdue> overdue = new ArrayList<>();
        for (Matter x : book()) {
            if (x.status() != MatterStatus.OPEN) {
                continue;
            }
            int due = active.get().obligations().reconciliation(x.jurisdiction()).stream()
                    .map(Obligation::afterDays).filter(Objects::nonNull).mapToInt(Integer::intValue).min().orElse(-1);
            if (due < 0) {
                continue;
            }
            Long days = x.lastReconciledOn() == null ? null : ChronoUnit.DAYS.between(x.lastReconciledOn(), asOf);
            if (days == null || days > due) {
                overdue.add(new Overdue(x.matterNumber(), x.clientName(), x.jurisdiction(), x.lastReconciledOn(), days, due));
            }
        }
        return new Activity(month, asOf, rows, totals[0], totals[1], totals[2], overdue);
    }

    /** Every client request on record and what became of it, aged from {@code today}. */
    public Replenishment replenishment(LocalDate today) {
        List<RecordedAction> stages = actions.ladderStages();
        List<Long> firstIds = stages.stream().filter(a -> ReplenishmentPerformance.stageOf(a) == 1).map(RecordedAction::id)
                .toList();
        Set<Long> sent = new HashSet<>();
        Set<Long> queued = new HashSet<>();
        for (int i = 0; i < firstIds.size(); i += CHUNK) {
            outbox.statesOf(firstIds.subList(i, Math.min(firstIds.size(), i + CHUNK))).forEach((id, state) -> {
                queued.add(id);
                if (state == OutboxState.SENT) {
                    sent.add(id);
                }
            });
        }
        LocalDate earliest = stages.stream().map(a -> a.action().asOf()).filter(Objects::nonNull)
                .min(LocalDate::compareTo).orElse(today);
        List<LedgerTransaction> deposits = ledger.findByTypeAndTxnDateGreaterThanEqualsOrderById(TransactionType.DEPOSIT,
                earliest);
        List<String> numbers = stages.stream().map(RecordedAction::matterNumber).distinct().toList();
        Map<String, Matter> involved = byNumber(numbers);
        Map<String, LocalDate> ended = new HashMap<>();
        for (int i = 0; i < numbers.size(); i += CHUNK) {
            episodes.ended(numbers.subList(i, Math.min(numbers.size(), i + CHUNK))).forEach(e ->
                    ended.merge(e.matterNumber() + "|" + e.start(), e.stoppedOn(), (x, y) -> x.isBefore(y) ? x : y));
        }
        return new Replenishment(today, ReplenishmentPerformance.requests(stages, sent, queued, deposits, involved, ended));
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

    private Map<String, Matter> byNumber(Collection<String> numbers) {
        List<String> list = new ArrayList<>(numbers);
        Map<String, Matter> out = new HashMap<>();
        for (int i = 0; i < list.size(); i += CHUNK) {
            matters.findByMatterNumberIn(list.subList(i, Math.min(list.size(), i + CHUNK)))
                    .forEach(x -> out.put(x.matterNumber(), x));
        }
        return out;
    }

    static String runway(Matter x, LocalDate today) {
        BigDecimal r = MatterFacts.of(x, today).runwayDays();
        return r == null ? "" : r.setScale(0, RoundingMode.DOWN).toPlainString();
    }

    static String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }
}
