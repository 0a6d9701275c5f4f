package com.trustwatch.mail;

import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.config.FirmSettings;
import com.trustwatch.config.FirmTime;
import com.trustwatch.decision.BurnSource;
import com.trustwatch.decision.JurisdictionNames;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.Percent;
import com.trustwatch.decision.ThresholdBasis;
import com.trustwatch.ledger.LedgerRepository;
import com.trustwatch.ledger.LedgerTransaction;
import com.trustwatch.ledger.TransactionType;
import com.trustwatch.matter.Matter;
import com.trustwatch.money.Money;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the message for a group of recorded actions: one consolidated replenishment request per
 * billing contact that lists each matter separately with the total, or one internal message per
 * alert, flag, escalation or pause-work notice. It decides nothing: the figures, where the threshold
 * and the projection come from, the deadline and the window of drawdowns a letter lists were fixed
 * when the action was recorded (or released); the ledger is only read for the drawdowns inside that
 * window, and the firm's today only keeps a date that has passed from being printed as still ahead.
 *
 * <p>What a client reads is written here in plain words, and the templates only place it: where the
 * threshold comes from ({@code thresholdBasis}, with {@code thresholdSource} for a template that words
 * it itself), the projected depletion date with what it is projected from ({@code depletion}), dates
 * as "November 20, 2026".
 */
@Singleton
public class ComposeMessages {

    /** The drawdowns of a matter dated from {@code from} to {@code to}, both included, oldest first. */
    @FunctionalInterface
    public interface Drawdowns {
        List<LedgerTransaction> of(String matterNumber, LocalDate from, LocalDate to);
    }

    private final MessageTemplates templates;
    private final FirmSettings firm;
    private final Drawdowns drawdowns;
    private final FirmTime firmTime;

    @Inject
    public ComposeMessages(MessageTemplates templates, FirmSettings firm, LedgerRepository ledger, FirmTime firmTime) {
        this(templates, firm, (matter, from, to) -> ledger.findByMatterNumberAndTypeAndTxnDateBetweenOrderByTxnDate(
                matter, TransactionType.DRAWDOWN, from, to), firmTime);
    }

    public ComposeMessages(MessageTemplates templates, FirmSettings firm, Drawdowns drawdowns, FirmTime firmTime) {
        this.templates = templates;
        this.firm = firm;
        this.drawdowns = drawdowns;
        this.firmTime = firmTime;
    }

    public OutgoingMessage compose(List<RecordedAction> group, Map<String, Matter> matters) {
        PlannedAction first = group.get(0).action();
        Matter lead = matters.get(first.matterNumber());
        String template = templateFor(first);
        LocalDate today = firmTime.today();
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("firmName", firm.name());
        vars.put("attorneyName", orDash(lead.attorneyName()));
        vars.put("attorneyEmail", orDash(lead.attorneyEmail()));
        vars.put("clientName", lead.clientName());
        vars.put("contactName", lead.billingContactName() == null ? lead.clientName() : lead.billingContactName());
        vars.put("deadline", LetterDates.format(first.deadline()));
        vars.put("deadlinePassed", first.deadline() != null && first.deadline().isBefore(today));
        List<Map<String, Object>> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (RecordedAction recorded : group) {
            PlannedAction a = recorded.action();
            Matter m = matters.get(a.matterNumber());
            items.add(item(a, m, today));
            if (a.amount() != null) {
                total = total.add(a.amount());
            }
        }
        vars.put("matters", items);
        vars.put("total", Money.letter(total));
        vars.putAll(items.get(0));
        vars.put("type", first.type().name());
        MessageTemplates.Rendered rendered = templates.render(template, vars);

        boolean fromAttorney = lead.attorneyEmail() != null;
        return new OutgoingMessage(messageId(group), firm.fromAddress(),
                fromAttorney && lead.attorneyName() != null ? lead.attorneyName() + " (" + firm.name() + ")" : firm.name(),
                fromAttorney ? lead.attorneyEmail() : null,
                first.recipients().to(), first.recipients().cc(), first.recipients().bcc(),
                rendered.subject(), rendered.text(), rendered.html());
    }

    static String templateFor(PlannedAction a) {
        return switch (a.type()) {
            case REPLENISHMENT_REQUEST -> "client-request";
            case ESCALATION -> "CLIENT_FOLLOW_UP".equals(a.code()) ? "client-follow-up" : "escalation";
            case PAUSE_WORK_NOTICE -> "pause-work";
            case COMPLIANCE_FLAG -> "compliance-flag";
            case INTERNAL_ALERT, EXCEPTION_TASK -> "internal-alert";
        };
    }

    private Map<String, Object> item(PlannedAction a, Matter m, LocalDate today) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("matterName", m.matterName());
        v.put("matterNumber", m.matterNumber());
        v.put("severity", a.severity() == null ? "" : a.severity().name());
        v.put("band", a.band() == null ? "" : a.band().name());
        v.put("code", a.code() == null ? "" : a.code());
        v.put("balance", Money.letter(a.balance()));
        v.put("balanceDate", LetterDates.format(a.asOf()));
        v.put("threshold", Money.letter(a.threshold()));
        v.put("thresholdSource", a.thresholdBasis() == null ? "" : a.thresholdBasis().source().name());
        v.put("thresholdBasis", thresholdBasis(a.thresholdBasis(), m));
        // the firm's own words for internal messages: "fee-agreement floor", "30 days of projected burn"
        v.put("thresholdBasisInternal", a.thresholdBasis() == null ? "basis not recorded" : a.thresholdBasis().describe());
        v.put("amount", Money.letter(a.amount()));
        v.put("restoresTo", Money.letter(a.refillTo()));
        v.put("depletionDate", LetterDates.format(a.depletionDate()));
        v.put("depletion", depletion(a, today));
        v.put("paymentLink", firm.paymentLink(m.matterNumber(), m.clientId(),
                a.amount() == null ? "" : Money.json(a.amount())));
        v.put("reason", a.reason());
        v.put("ruleId", a.ruleId());
        // an item with no citation is the firm's own policy (CM-006, CM-007): say so rather than print a dash
        v.put("citation", a.citation() == null ? "firm policy (no rule of professional conduct is cited)" : a.citation());
        v.put("ruleName", a.ruleName());
        // plain words for internal messages: the rule's sentence without its id, "high" not HIGH, "Texas" not US-TX
        v.put("ruleTitle", a.ruleName().indexOf(' ') < 0 ? a.ruleName() : a.ruleName().substring(a.ruleName().indexOf(' ') + 1));
        v.put("severityWords", a.severity() == null ? "" : a.severity().name().toLowerCase(java.util.Locale.ROOT));
        v.put("jurisdictionName", JurisdictionNames.of(m.jurisdiction()));
        v.put("rulesetVersion", a.rulesetVersion());
        v.put("since", LetterDates.format(a.drawdownsFrom()));
        List<Map<String, Object>> drawn = new ArrayList<>();
        if (a.drawdownsFrom() != null) {
            for (LedgerTransaction t : drawdowns.of(m.matterNumber(), a.drawdownsFrom(), a.asOf())) {
                drawn.add(Map.of("date", LetterDates.format(t.txnDate()), "amount", Money.letter(t.amount()),
                        "description", t.description() == null ? "" : t.description()));
            }
        }
        v.put("drawdowns", drawn);
        // "no fees drawn" is only said where the ledger is what the projection rests on; a balance
        // imported with the roster may have moved without a drawdown recorded here
        v.put("noDrawdowns", drawn.isEmpty() && a.drawdownsFrom() != null && a.burnSource() == BurnSource.LEDGER);
        return v;
    }

    /**
     * Where the threshold comes from, as the client reads it after "threshold of $X:" or in brackets
     * beside the figure; an action recorded before the basis was kept says no more than it knows.
     */
    static String thresholdBasis(ThresholdBasis basis, Matter m) {
        if (basis == null) {
            return "the level set for your matter";
        }
        return switch (basis.source()) {
            case FEE_AGREEMENT_FLOOR -> "the minimum balance agreed in your fee agreement";
            case RUNWAY_MINIMUM -> basis.runwayDays() + " days of projected work at the matter's recent billing rate";
            case PRACTICE_MINIMUM -> "the minimum balance the firm keeps for "
                    + (m.practiceArea() == null ? "matters of this kind" : m.practiceArea().trim().toLowerCase(Locale.US) + " matters");
            case RETAINER_SHARE -> Percent.label(basis.retainerShare()) + " of the original retainer";
            case NONE -> "no minimum balance is set for this matter, and a balance below zero is always too low";
        };
    }

    /**
     * The projected depletion date with what it is projected from, or why there is none. A date that
     * is not after the as-of date and today is never printed as a projection: the balance is already
     * used up, or will be before the client reads the letter.
     */
    static String depletion(PlannedAction a, LocalDate today) {
        BigDecimal balance = a.balance();
        if (balance != null && balance.signum() < 0) {
            return "none: the balance is already below zero";
        }
        if (balance != null && balance.signum() == 0) {
            return "none: the balance is already used up";
        }
        if (a.depletionDate() == null || a.burnSource() == null) {
            return "not projected: there is no recent billing history on record to project from";
        }
        String rate = a.burnSource() == BurnSource.LEDGER
                ? "at the rate fees were drawn over the last " + MatterFacts.BURN_WINDOW_DAYS + " days, about "
                + Money.letter(a.monthlyBurn()) + " a month"
                : "at the matter's average monthly billing of " + Money.letter(a.monthlyBurn());
        LocalDate latest = a.asOf() == null || today.isAfter(a.asOf()) ? today : a.asOf();
        if (!a.depletionDate().isAfter(latest)) {
            return "now or within days, " + rate;
        }
        return LetterDates.format(a.depletionDate()) + ", " + rate;
    }

    /** Derived from the actions' idempotency keys: the same message always has the same id. */
    static String messageId(List<RecordedAction> group) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            group.stream().map(r -> r.action().idempotencyKey()).sorted()
                    .forEach(k -> sha.update((k + "\n").getBytes(StandardCharsets.UTF_8)));
            return "<tw-" + HexFormat.of().formatHex(sha.digest()).substring(0, 40) + "@trustwatch>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
