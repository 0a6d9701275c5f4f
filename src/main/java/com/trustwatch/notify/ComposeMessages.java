package com.trustwatch.notify;

import com.trustwatch.action.RecordedAction;
import com.trustwatch.config.FirmSettings;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.BusinessCalendar;
import com.trustwatch.ledger.LedgerRepository;
import com.trustwatch.ledger.LedgerTransaction;
import com.trustwatch.ledger.TransactionType;
import com.trustwatch.matter.Matter;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the message for a group of recorded actions: one consolidated replenishment request per
 * billing contact that lists each matter separately, or one internal message per alert, flag,
 * escalation or pause-work notice.
 */
@Singleton
public class ComposeMessages {

    private final MessageTemplates templates;
    private final FirmSettings firm;
    private final LedgerRepository ledger;
    private final Clock clock;
    private final BusinessCalendar calendar;

    public ComposeMessages(MessageTemplates templates, FirmSettings firm, LedgerRepository ledger, Clock clock,
                           BusinessCalendar calendar) {
        this.templates = templates;
        this.firm = firm;
        this.ledger = ledger;
        this.clock = clock;
        this.calendar = calendar;
    }

    public OutgoingMessage compose(List<RecordedAction> group, Map<String, Matter> matters) {
        RecordedAction first = group.get(0);
        Matter lead = matters.get(first.matterNumber());
        String template = templateFor(first);
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("firmName", firm.name());
        vars.put("attorneyName", orDash(lead.attorneyName()));
        vars.put("attorneyEmail", orDash(lead.attorneyEmail()));
        vars.put("clientName", lead.clientName());
        vars.put("contactName", lead.billingContactName() == null ? lead.clientName() : lead.billingContactName());
        LocalDate today = LocalDate.now(clock);
        vars.put("deadline", calendar.plusBusinessDays(today, 5).toString());
        List<Map<String, Object>> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (RecordedAction a : group) {
            Matter m = matters.get(a.matterNumber());
            items.add(item(a, m));
            if (a.amount() != null) {
                total = total.add(a.amount());
            }
        }
        vars.put("matters", items);
        vars.put("total", money(total));
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

    static String templateFor(RecordedAction a) {
        return switch (a.type()) {
            case REPLENISHMENT_REQUEST -> "client-request";
            case ESCALATION -> "CLIENT_FOLLOW_UP".equals(a.code()) ? "client-follow-up" : "escalation";
            case PAUSE_WORK_NOTICE -> "pause-work";
            case COMPLIANCE_FLAG -> "compliance-flag";
            case INTERNAL_ALERT, EXCEPTION_TASK -> "internal-alert";
        };
    }

    private Map<String, Object> item(RecordedAction a, Matter m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("matterName", m.matterName());
        v.put("matterNumber", m.matterNumber());
        v.put("severity", a.severity() == null ? "" : a.severity());
        v.put("code", a.code() == null ? "" : a.code());
        v.put("balance", money(a.balance()));
        v.put("threshold", money(a.threshold()));
        v.put("amount", money(a.amount()));
        v.put("restoresTo", money(a.refillTo()));
        v.put("depletionDate", a.depletionDate() == null ? "not projected (no recent billing)" : a.depletionDate().toString());
        v.put("paymentLink", firm.paymentLink(m.matterNumber(), m.clientId(),
                a.amount() == null ? "" : a.amount().setScale(2).toPlainString()));
        v.put("reason", a.reason());
        v.put("ruleId", a.ruleId());
        v.put("citation", a.citation() == null ? "-" : a.citation());
        v.put("ruleName", a.ruleName());
        v.put("rulesetVersion", a.rulesetVersion());
        LocalDate since = m.lastReplenishedOn() == null ? LocalDate.now(clock).minusDays(90) : m.lastReplenishedOn();
        v.put("since", since.toString());
        List<Map<String, Object>> drawdowns = new ArrayList<>();
        if (a.type() == ActionType.REPLENISHMENT_REQUEST || "CLIENT_FOLLOW_UP".equals(a.code())) {
            for (LedgerTransaction t : ledger.findByMatterNumberAndTypeAndTxnDateGreaterThanEqualsOrderByTxnDate(
                    m.matterNumber(), TransactionType.DRAWDOWN, since)) {
                drawdowns.add(Map.of("date", t.txnDate().toString(), "amount", money(t.amount()),
                        "description", t.description() == null ? "" : t.description()));
            }
        }
        v.put("drawdowns", drawdowns);
        return v;
    }

    /** Derived from the actions' idempotency keys: the same message always has the same id. */
    static String messageId(List<RecordedAction> group) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            group.stream().map(RecordedAction::idempotencyKey).sorted()
                    .forEach(k -> sha.update((k + "\n").getBytes(StandardCharsets.UTF_8)));
            return "<tw-" + HexFormat.of().formatHex(sha.digest()).substring(0, 40) + "@trustwatch>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Dollars as a client reads them: $1,240.00 (and -$150.00). */
    static String money(BigDecimal v) {
        if (v == null) {
            return "-";
        }
        java.text.DecimalFormat f = new java.text.DecimalFormat("#,##0.00",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.US));
        f.setParseBigDecimal(true);
        return (v.signum() < 0 ? "-$" : "$") + f.format(v.abs().setScale(2));
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
