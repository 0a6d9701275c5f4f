package com.trustwatch.console;

import com.trustwatch.action.Actions;
import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.config.FirmTime;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.BurnSource;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.episode.Episodes;
import com.trustwatch.ledger.LedgerRepository;
import com.trustwatch.ledger.LedgerTransaction;
import com.trustwatch.ledger.TransactionType;
import com.trustwatch.mail.ComposeMessages;
import com.trustwatch.mail.OutgoingMessage;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.money.Money;
import com.trustwatch.outbox.Outbox;
import com.trustwatch.outbox.OutboxRow;
import com.trustwatch.review.ReleaseRequest;
import com.trustwatch.review.ReviewState;
import com.trustwatch.security.Roles;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One matter: its facts, its trust balance over time (a chart from the ledger), every action decided
 * for it with the message as its recipients got it, its low-balance episodes with the ladder stage,
 * its compliance flags with rule and citation, and its audit trail. Billing managers and admins, and
 * attorneys, for the matters whose client requests were held for a person (they release those requests
 * and check the matter's figures, ledger and letters to do so; any other matter is not found to them);
 * the page changes nothing. The audit trail is shown to those of its readers who may read the audit
 * (admins).
 */
@Hidden
@Controller("/matters")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN, Roles.ATTORNEY})
@ExecuteOn(TaskExecutors.BLOCKING)
class MatterPageController {

    static final int AUDIT_LISTED = 200;

    private final MatterRepository matters;
    private final LedgerRepository ledger;
    private final Actions actions;
    private final Outbox outbox;
    private final ComposeMessages compose;
    private final Episodes episodes;
    private final AuditLog audit;
    private final FirmTime firmTime;
    private final ReleaseRequest release;
    private final Moments moments;

    MatterPageController(MatterRepository matters, LedgerRepository ledger, Actions actions, Outbox outbox,
                         ComposeMessages compose, Episodes episodes, AuditLog audit, FirmTime firmTime,
                         ReleaseRequest release) {
        this.release = release;
        this.moments = new Moments(firmTime.zone());
        this.matters = matters;
        this.ledger = ledger;
        this.actions = actions;
        this.outbox = outbox;
        this.compose = compose;
        this.episodes = episodes;
        this.audit = audit;
        this.firmTime = firmTime;
    }

    @Get(value = "/{matterNumber}", produces = MediaType.TEXT_HTML)
    HttpResponse<?> matter(@PathVariable String matterNumber, HttpRequest<?> request, Authentication user) {
        Matter matter = matters.findByMatterNumber(matterNumber).orElse(null);
        // an attorney reads the matters their held requests concern, not the whole book (the matters API is
        // the billing managers'); any other matter is "not found" to them, so its existence is not told either
        boolean wholeBook = Pages.may(user, Pages.BILLING);
        if (matter != null && !wholeBook && !heldRequestFor(matter.matterNumber())) {
            matter = null;
        }
        // an attorney comes here from the held requests and goes back there; the book is the billing managers'
        String back = wholeBook ? "/book" : "/reviews";
        if (matter == null) {
            Map<String, Object> m = Pages.model(request, user, "No such matter", back);
            m.put("message", wholeBook ? "There is no matter " + matterNumber + " in the book."
                    : "There is no matter " + matterNumber + " among the matters of held requests.");
            return HttpResponse.status(HttpStatus.NOT_FOUND).body(new ModelAndView<>("not-found", m))
                    .contentType(MediaType.TEXT_HTML_TYPE);
        }
        Map<String, Object> m = Pages.model(request, user, matter.matterNumber() + " · " + matter.matterName(), back);
        m.put("back", back);
        m.put("backLabel", back.equals("/book") ? "Book" : "Held requests");
        LocalDate today = firmTime.today();
        m.put("matter", facts(matter, today));

        List<RecordedAction> all = actions.byMatter(matterNumber);
        RecordedAction lastLow = all.stream().filter(a -> a.action().band() != null).reduce((a, b) -> b).orElse(null);
        List<LedgerTransaction> entries = ledger.findByMatterNumberOrderById(matterNumber);
        List<BalanceChart.Point> points = new ArrayList<>();
        if (!entries.isEmpty()) {
            // the balance before the first entry (the roster's opening balance), then after each entry
            LedgerTransaction first = entries.get(0);
            BigDecimal opening = first.type() == TransactionType.DEPOSIT ? first.balanceAfter().subtract(first.amount())
                    : first.balanceAfter().add(first.amount());
            points.add(new BalanceChart.Point(first.txnDate(), opening));
        }
        entries.forEach(t -> points.add(new BalanceChart.Point(t.txnDate(), t.balanceAfter())));
        if (!points.isEmpty() && points.get(points.size() - 1).date().isBefore(today)) {
            points.add(new BalanceChart.Point(today, matter.trustBalance()));
        }
        m.put("chart", new BalanceChart(points, lastLow == null ? null : lastLow.action().threshold()));
        m.put("ledger", entries.stream().map(this::entry).toList());

        Map<Long, OutboxRow> deliveries = outbox.list(null, matterNumber, 1000).stream()
                .collect(Collectors.toMap(OutboxRow::actionId, Function.identity(), (a, b) -> b));
        List<Map<String, Object>> shown = new ArrayList<>();
        for (RecordedAction a : all.stream().sorted(Comparator.comparing(RecordedAction::id).reversed()).toList()) {
            shown.add(action(a, deliveries.get(a.id())));
        }
        m.put("actions", shown);
        m.put("flags", all.stream().filter(a -> a.action().type() == ActionType.COMPLIANCE_FLAG)
                .sorted(Comparator.comparing(RecordedAction::id).reversed()).map(a -> flag(a.action(), a)).toList());
        m.put("episodes", episodes.history(matterNumber));
        boolean mayReadAudit = Pages.may(user, Pages.COUNSEL);
        m.put("mayReadAudit", mayReadAudit);
        if (mayReadAudit) {
            m.put("audit", audit.page(matterNumber, 0, AUDIT_LISTED));
            m.put("auditCount", audit.count(matterNumber));
        }
        return HttpResponse.ok(new ModelAndView<>("matter", m)).contentType(MediaType.TEXT_HTML_TYPE);
    }

    /** Whether a client request for the matter was ever held for a person (in any state of its review). */
    private boolean heldRequestFor(String matterNumber) {
        return Arrays.stream(ReviewState.values()).anyMatch(state -> !release.list(state.name(), matterNumber, 1).isEmpty());
    }

    /** A rule's name begins with its id ("RP-041 Open an exception task ..."): the id once, not twice. */
    static String ruleWords(PlannedAction a) {
        return a.ruleName().startsWith(a.ruleId() + " ") ? a.ruleName() : a.ruleId() + " " + a.ruleName();
    }

    private Map<String, Object> facts(Matter x, LocalDate today) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("number", x.matterNumber());
        f.put("name", x.matterName());
        f.put("client", x.clientName() + " (" + x.clientId() + ")");
        f.put("contact", x.billingContactName() == null ? "—" : x.billingContactName()
                + (x.billingContactEmail() == null ? "" : " <" + x.billingContactEmail() + ">"));
        f.put("attorney", x.attorneyName() == null ? "—" : x.attorneyName());
        f.put("jurisdiction", x.jurisdiction());
        f.put("status", x.status().name());
        f.put("tier", x.clientTier() == null ? "by rules" : x.clientTier().name());
        f.put("fees", x.feeType().name() + ", " + x.retainerType().name() + " retainer");
        f.put("floor", x.floor() == null ? "none agreed" : Money.letter(x.floor()));
        String notWatched = MatterFacts.notWatchedBecause(x);
        f.put("watched", notWatched == null ? "watched by the replenishment policy (open, hourly or hybrid fees, evergreen retainer, no payment plan)"
                : "not watched: " + notWatched);
        f.put("balance", Money.letter(x.trustBalance()));
        // the burn rate a run uses: the ledger's drawdowns of the last 90 days when there are any, else the
        // monthly billing on file; the page says which, as the letters and the audit do
        MatterFacts burn = MatterFacts.of(x, today, null, ledger.drawdownTotals(List.of(x.matterNumber()),
                today.minusDays(MatterFacts.BURN_WINDOW_DAYS - 1L), today).get(x.matterNumber()));
        String source = burn.burnSource() == BurnSource.LEDGER
                ? " (the rate fees were drawn from trust over the last " + MatterFacts.BURN_WINDOW_DAYS + " days)"
                : burn.burnSource() == BurnSource.IMPORTED ? " (on file)" : "";
        f.put("monthlyBilling", burn.monthlyBilling() == null ? "— (none on file, no drawdowns in the last "
                + MatterFacts.BURN_WINDOW_DAYS + " days)" : Money.letter(burn.monthlyBilling()) + source);
        BigDecimal runway = burn.runwayDays();
        f.put("runway", runway == null ? "— (no burn rate)" : runway.setScale(0, RoundingMode.DOWN) + (runway.compareTo(BigDecimal.ONE) >= 0 && runway.compareTo(BigDecimal.valueOf(2)) < 0 ? " day" : " days"));
        f.put("lastReplenished", x.lastReplenishedOn() == null ? "—" : x.lastReplenishedOn().toString());
        f.put("lastReconciled", x.lastReconciledOn() == null ? "—" : x.lastReconciledOn().toString());
        return f;
    }

    private Map<String, Object> entry(LedgerTransaction t) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("date", t.txnDate().toString());
        e.put("type", t.type().name());
        e.put("amount", Money.letter(t.amount()));
        e.put("balance", Money.letter(t.balanceAfter()));
        e.put("description", t.description() == null ? "" : t.description());
        return e;
    }

    private Map<String, Object> action(RecordedAction recorded, OutboxRow delivery) {
        PlannedAction a = recorded.action();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", recorded.id());
        r.put("created", moments.day(recorded.createdAt()));
        r.put("type", a.type().name() + (a.code() == null ? "" : " · " + a.code()));
        r.put("bandName", a.band() == null ? "" : a.band().name());
        r.put("severity", a.severity() == null ? "" : a.severity().name());
        r.put("amount", a.amount() == null ? "" : Money.letter(a.amount()));
        r.put("rule", ruleWords(a));
        r.put("reason", a.reason());
        r.put("ruleset", a.rulesetVersion());
        r.put("delivery", delivery == null ? "not delivered by message"
                : delivery.state().name() + " (" + delivery.channel() + ", " + delivery.attempts() + " attempt"
                + (delivery.attempts() == 1 ? "" : "s") + ")");
        r.put("message", delivery == null ? null : message(delivery));
        return r;
    }

    /** The message exactly as composed for its whole group (a consolidated request lists the client's other matters too). */
    private Map<String, Object> message(OutboxRow delivery) {
        List<OutboxRow> group = outbox.group(delivery.groupKey());
        List<RecordedAction> members = actions.byIds(group.stream().map(OutboxRow::actionId).toList());
        Map<String, Matter> involved = matters.findByMatterNumberIn(members.stream().map(RecordedAction::matterNumber)
                .distinct().toList()).stream().collect(Collectors.toMap(Matter::matterNumber, Function.identity()));
        OutgoingMessage msg = compose.compose(members, involved);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("to", String.join(", ", msg.to()));
        out.put("cc", String.join(", ", msg.cc()));
        out.put("subject", msg.subject());
        out.put("text", msg.text());
        out.put("sent", delivery.messageId() != null);
        return out;
    }

    private Map<String, Object> flag(PlannedAction a, RecordedAction recorded) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("date", moments.day(recorded.createdAt()));
        f.put("code", a.code() == null ? "" : a.code());
        f.put("severity", a.severity() == null ? "" : a.severity().name());
        f.put("rule", ruleWords(a));
        f.put("citation", a.citation() == null ? "—" : a.citation());
        f.put("reason", a.reason());
        return f;
    }
}
