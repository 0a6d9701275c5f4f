package com.trustwatch.reports;

import com.trustwatch.action.RecordedAction;
import com.trustwatch.ledger.LedgerTransaction;
import com.trustwatch.matter.Matter;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The replenishment-performance report (seed 002), worked out from what is recorded: each client
 * request (ladder stage 1) with its date, whether it went out, the first deposit to the matter on or
 * after that date and before the matter's next request ("paid"), the days between them, and whether
 * that deposit came before stage 2 of the ladder went out. The share paid before stage 2 counts only
 * the requests whose outcome is known (paid, followed by stage 2, or their low-balance episode ended: a
 * payment plan, the matter closed): a request still inside its first days is neither a success nor a
 * failure yet, and with none known the share is "—", not 0%. Requests that reached the outbox (sent,
 * waiting, retrying or dead), are not paid and whose episode is still open are outstanding, aged from
 * {@code today}; a request held for a person, or declined, never went out and is owed by nobody yet,
 * and one whose episode ended is no longer asked for. Grouped by the matter's attorney and by the month
 * of the request.
 */
public final class ReplenishmentPerformance {

    /**
     * One request and what became of it: {@code sent} when the mail server accepted it, {@code queued} when it
     * reached the outbox at all (sent, waiting, retrying or dead); a request held for a person, or declined,
     * never did. {@code episodeEndedOn} is the day an evaluation stopped the request's low-balance episode
     * (null while it is open).
     */
    public record Request(String matterNumber, String attorney, LocalDate requested, boolean sent, boolean queued,
                          LocalDate paidOn, LocalDate stage2On, LocalDate episodeEndedOn) {

        /** A request whose outbox state is its send state (queued exactly when sent), its episode still open. */
        public Request(String matterNumber, String attorney, LocalDate requested, boolean sent, LocalDate paidOn,
                       LocalDate stage2On) {
            this(matterNumber, attorney, requested, sent, sent, paidOn, stage2On, null);
        }

        /** A request whose episode is still open. */
        public Request(String matterNumber, String attorney, LocalDate requested, boolean sent, boolean queued,
                       LocalDate paidOn, LocalDate stage2On) {
            this(matterNumber, attorney, requested, sent, queued, paidOn, stage2On, null);
        }

        boolean paid() {
            return paidOn != null;
        }

        long days() {
            return ChronoUnit.DAYS.between(requested, paidOn);
        }

        boolean paidBeforeStage2() {
            return paid() && (stage2On == null || paidOn.isBefore(stage2On));
        }

        /**
         * Whether it is known yet if this request was paid before stage 2: it was paid, stage 2 went out, or its
         * episode ended without either (a payment plan, the matter closed), so no deposit answers it any more.
         */
        boolean outcomeKnown() {
            return paid() || stage2On != null || episodeEndedOn != null;
        }

        /** Still asked of the client: it went to the outbox, is not paid, and its episode has not ended. */
        boolean outstanding() {
            return queued && !paid() && episodeEndedOn == null;
        }
    }

    /** Figures of a group of requests. */
    public record Figures(String group, int requests, int sent, int paid, String averageDays, String medianDays,
                   String paidBeforeStage2) {
    }

    static final List<String> AGES = List.of("0 to 7 days", "8 to 14 days", "15 to 30 days", "Over 30 days");

    private ReplenishmentPerformance() {
    }

    /**
     * @param ended the day each stopped episode ended, by {@code matterNumber|episodeStart} (ISO date)
     */
    static List<Request> requests(List<RecordedAction> stages, Set<Long> sent, Set<Long> queued, List<LedgerTransaction> deposits,
                                  Map<String, Matter> matters, Map<String, LocalDate> ended) {
        Map<String, List<LocalDate>> depositsByMatter = new TreeMap<>();
        deposits.forEach(d -> depositsByMatter.computeIfAbsent(d.matterNumber(), k -> new ArrayList<>()).add(d.txnDate()));
        depositsByMatter.values().forEach(l -> l.sort(Comparator.naturalOrder()));
        Map<String, LocalDate> stage2 = new TreeMap<>();
        List<RecordedAction> firsts = new ArrayList<>();
        for (RecordedAction a : stages) {
            int stage = stageOf(a);
            String episode = a.matterNumber() + "|" + startOf(a);
            if (stage == 1) {
                firsts.add(a);
            } else if (stage == 2) {
                stage2.merge(episode, a.action().asOf(), (x, y) -> x.isBefore(y) ? x : y);
            }
        }
        Map<String, List<RecordedAction>> byMatter = firsts.stream()
                .collect(Collectors.groupingBy(RecordedAction::matterNumber, TreeMap::new, Collectors.toList()));
        List<Request> out = new ArrayList<>();
        byMatter.forEach((matter, list) -> {
            list.sort(Comparator.comparing(a -> a.action().asOf()));
            for (int i = 0; i < list.size(); i++) {
                RecordedAction a = list.get(i);
                LocalDate from = a.action().asOf();
                LocalDate until = i + 1 < list.size() ? list.get(i + 1).action().asOf() : null;
                LocalDate paid = depositsByMatter.getOrDefault(matter, List.of()).stream()
                        .filter(d -> !d.isBefore(from) && (until == null || d.isBefore(until))).findFirst().orElse(null);
                Matter m = matters.get(matter);
                out.add(new Request(matter, m == null || m.attorneyName() == null ? "(no attorney)" : m.attorneyName(),
                        from, sent.contains(a.id()), queued.contains(a.id()), paid, stage2.get(matter + "|" + startOf(a)),
                        ended.get(matter + "|" + startOf(a))));
            }
        });
        return out;
    }

    private static final java.util.regex.Pattern LADDER = java.util.regex.Pattern.compile("low-balance:([0-9-]+):stage-([0-9]+)");

    /** The ladder stage of a recorded action, from its stored episode ({@code low-balance:2026-11-20:stage-2}); 0 if none. */
    static int stageOf(RecordedAction a) {
        java.util.regex.Matcher m = LADDER.matcher(a.action().episode().text());
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }

    /** The day the action's low-balance episode began, from its stored episode, or "" if it is no ladder stage. */
    static String startOf(RecordedAction a) {
        java.util.regex.Matcher m = LADDER.matcher(a.action().episode().text());
        return m.matches() ? m.group(1) : "";
    }

    static Figures figures(String group, List<Request> requests) {
        List<Long> days = requests.stream().filter(Request::paid).map(Request::days).sorted().toList();
        int paid = days.size();
        String average = paid == 0 ? "—" : String.format(java.util.Locale.ROOT, "%.1f", days.stream().mapToLong(Long::longValue).average().orElse(0));
        String median = paid == 0 ? "—" : paid % 2 == 1 ? Long.toString(days.get(paid / 2))
                : String.format(java.util.Locale.ROOT, "%.1f", (days.get(paid / 2 - 1) + days.get(paid / 2)) / 2.0);
        long early = requests.stream().filter(Request::paidBeforeStage2).count();
        long known = requests.stream().filter(Request::outcomeKnown).count();
        String share = known == 0 ? "—" : Math.round(100.0 * early / known) + "%";
        return new Figures(group, requests.size(), (int) requests.stream().filter(Request::sent).count(), paid, average,
                median, share);
    }

    static Map<String, Long> outstandingByAge(List<Request> requests, LocalDate today) {
        Map<String, Long> out = new LinkedHashMap<>();
        AGES.forEach(a -> out.put(a, 0L));
        for (Request r : requests) {
            if (!r.outstanding()) {
                continue;
            }
            long age = ChronoUnit.DAYS.between(r.requested(), today);
            String bucket = age <= 7 ? AGES.get(0) : age <= 14 ? AGES.get(1) : age <= 30 ? AGES.get(2) : AGES.get(3);
            out.merge(bucket, 1L, Long::sum);
        }
        return out;
    }

    static List<Figures> byAttorney(List<Request> requests) {
        return requests.stream().collect(Collectors.groupingBy(Request::attorney, TreeMap::new, Collectors.toList()))
                .entrySet().stream().map(e -> figures(e.getKey(), e.getValue())).toList();
    }

    static List<Figures> byMonth(List<Request> requests) {
        return requests.stream().collect(Collectors.groupingBy(r -> YearMonth.from(r.requested()).toString(), TreeMap::new,
                Collectors.toList())).entrySet().stream().map(e -> figures(e.getKey(), e.getValue())).toList();
    }
}
