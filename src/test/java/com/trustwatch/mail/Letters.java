package com.trustwatch.mail;

import com.trustwatch.action.ActionPlanner;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.action.RequestSettings;
import com.trustwatch.config.FirmSettings;
import com.trustwatch.config.FirmTime;
import com.trustwatch.decision.BusinessCalendar;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.ledger.LedgerTransaction;
import com.trustwatch.ledger.TransactionType;
import com.trustwatch.matter.Matter;
import com.trustwatch.rules.RuleEngine;
import com.trustwatch.rules.RulesHarness;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Letters as a client would receive them, without a database: matters (and their drawdowns) through
 * the shipped rules, the planner and the composer, on a given as-of date and "today".
 */
final class Letters {

    static final LocalDate AS_OF = RulesHarness.AS_OF;
    static final FirmSettings FIRM = new FirmSettings("Trustwatch Demo LLP", "trust@firm.example",
            "billing.manager@firm.example", "bookkeeper@firm.example", "pgl@firm.example", "managing.partner@firm.example",
            false, "https://pay.firm.example/trust?matter={matterNumber}&amount={amount}", List.of(), "America/New_York");

    private final Map<String, Matter> matters = new LinkedHashMap<>();
    private final Map<String, List<LedgerTransaction>> ledger = new HashMap<>();
    private final AtomicLong ids = new AtomicLong(1);
    private final Map<String, OpenEpisode> episodes = new HashMap<>();
    private LocalDate asOf = AS_OF;
    private LocalDate today = AS_OF;

    Letters with(Matter m) {
        matters.put(m.matterNumber(), m);
        return this;
    }

    Letters drawdown(String matterNumber, String amount, LocalDate date, String description) {
        ledger.computeIfAbsent(matterNumber, k -> new ArrayList<>()).add(new LedgerTransaction(null, matterNumber,
                TransactionType.DRAWDOWN, new BigDecimal(amount), date, description, BigDecimal.ZERO, date.atStartOfDay(),
                null, null));
        return this;
    }

    /** Evaluates on {@code day}, with these episodes open (the ladder's follow-ups and escalations). */
    Letters on(LocalDate day, OpenEpisode... open) {
        asOf = day;
        today = day;
        for (OpenEpisode e : open) {
            episodes.put(e.matterNumber(), e);
        }
        return this;
    }

    /** The day the letters are composed (sent). */
    Letters composedOn(LocalDate day) {
        today = day;
        return this;
    }

    /** Every action the rules decide for the matters on the as-of date, planned as the executor would. */
    List<RecordedAction> actions() {
        Map<String, MatterFacts> facts = new LinkedHashMap<>();
        for (Matter m : matters.values()) {
            BigDecimal drawn = ledger.getOrDefault(m.matterNumber(), List.of()).stream()
                    .filter(t -> !t.txnDate().isBefore(asOf.minusDays(MatterFacts.BURN_WINDOW_DAYS - 1L))
                            && !t.txnDate().isAfter(asOf))
                    .map(LedgerTransaction::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            OpenEpisode open = episodes.get(m.matterNumber());
            facts.put(m.matterNumber(), MatterFacts.of(m, asOf, open == null ? null : open.episodeStart(), drawn));
        }
        var outcome = new RuleEngine().evaluate(RulesHarness.shippedRuleset(), asOf, facts.values(), episodes.values(),
                false);
        List<PlannedAction> planned = new ActionPlanner(FIRM, new RequestSettings(5, 90, false),
                new BusinessCalendar(List.of())).plan(outcome.proposals(), matters, facts, episodes, "test", asOf);
        return planned.stream().map(a -> new RecordedAction(ids.getAndIncrement(), "eval-1",
                LocalDateTime.of(2026, 11, 20, 9, 0), a)).toList();
    }

    List<RecordedAction> requests() {
        return actions().stream().filter(r -> r.action().toClient()).toList();
    }

    OutgoingMessage compose(List<RecordedAction> group) {
        return composer().compose(group, matters);
    }

    ComposeMessages composer() {
        Clock clock = Clock.fixed(today.atTime(10, 0).toInstant(ZoneOffset.ofHours(-5)), ZoneOffset.UTC);
        return new ComposeMessages(new MessageTemplates(new MailSettings("folder", "target/mail", null, 6, 30, 3600,
                300, java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(5))), FIRM,
                (matter, from, to) -> ledger.getOrDefault(matter, List.of()).stream()
                        .filter(t -> !t.txnDate().isBefore(from) && !t.txnDate().isAfter(to)).toList(),
                new FirmTime(clock, FIRM));
    }

    /** The one client message for a matter's request (alone in its group). */
    OutgoingMessage letterFor(String matterNumber) {
        return compose(requests().stream().filter(r -> r.matterNumber().equals(matterNumber)).toList());
    }
}
