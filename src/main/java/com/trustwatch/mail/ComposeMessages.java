package com.trustwatch.mail;

import com.trustwatch.action.PlannedAction;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.config.FirmSettings;
import com.trustwatch.decision.JurisdictionNames;
import com.trustwatch.ledger.LedgerRepository;
import com.trustwatch.ledger.LedgerTransaction;
import com.trustwatch.ledger.TransactionType;
import com.trustwatch.matter.Matter;
import com.trustwatch.money.Money;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the message for a group of recorded actions: one consolidated replenishment request per
 * billing contact that lists each matter separately, or one internal message per alert, flag,
 * escalation or pause-work notice. It decides nothing: the figures, the deadline and the window of
 * drawdowns a letter lists were fixed when the action was recorded; the ledger is only read for
 * the drawdowns inside that window.
 */
@Singleton
public class ComposeMessages {

    private final MessageTemplates templates;
    private final FirmSettings firm;
    private final LedgerRepository ledger;

    public ComposeMessages(MessageTemplates templates, FirmSettings firm, LedgerRepository ledger) {
        this.templates = templates;
        this.firm = firm;
        this.ledger = ledger;
    }

    public OutgoingMessage compose(List<RecordedAction> group, Map<String, Matter> matters) {
        PlannedAction first = group.get(0).action();
        Matter lead = matters.get(first.matterNumber());
        String template = templateFor(first);
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("firmName", firm.name());
        vars.put("attorneyName", orDash(lead.attorneyName()));
        vars.put("attorneyEmail", orDash(lead.attorneyEmail()));
        vars.put("clientName", lead.clientName());
        vars.put("contactName", lead.billingContactName() == null ? lead.clientName() : lead.billingContactName());
        vars.put("deadline", first.deadline() == null ? "-" : first.deadline().toString());
        List<Map<String, Object>> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (RecordedAction recorded : group) {
            PlannedAction a = recorded.action();
            Matter m = matters.get(a.matterNumber());
            items.add(item(a, m));
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

    private Map<String, Object> item(PlannedAction a, Matter m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("matterName", m.matterName());
        v.put("matterNumber", m.matterNumber());
        v.put("severity", a.severity() == null ? "" : a.severity().name());
        v.put("band", a.band() == null ? "" : a.band().name());
        v.put("code", a.code() == null ? "" : a.code());
        v.put("balance", Money.letter(a.balance()));
        v.put("threshold", Money.letter(a.threshold()));
        v.put("amount", Money.letter(a.amount()));
        v.put("restoresTo", Money.letter(a.refillTo()));
        v.put("depletionDate", a.depletionDate() == null ? "not projected (no recent billing)" : a.depletionDate().toString());
        v.put("paymentLink", firm.paymentLink(m.matterNumber(), m.clientId(),
                a.amount() == null ? "" : Money.json(a.amount())));
        v.put("reason", a.reason());
        v.put("ruleId", a.ruleId());
        v.put("citation", a.citation() == null ? "-" : a.citation());
        v.put("ruleName", a.ruleName());
        // plain words for internal messages: the rule's sentence without its id, "high" not HIGH, "Texas" not US-TX
        v.put("ruleTitle", a.ruleName().indexOf(' ') < 0 ? a.ruleName() : a.ruleName().substring(a.ruleName().indexOf(' ') + 1));
        v.put("severityWords", a.severity() == null ? "" : a.severity().name().toLowerCase(java.util.Locale.ROOT));
        v.put("jurisdictionName", JurisdictionNames.of(m.jurisdiction()));
        v.put("rulesetVersion", a.rulesetVersion());
        v.put("since", a.drawdownsFrom() == null ? "" : a.drawdownsFrom().toString());
        List<Map<String, Object>> drawdowns = new ArrayList<>();
        if (a.drawdownsFrom() != null) {
            for (LedgerTransaction t : ledger.findByMatterNumberAndTypeAndTxnDateBetweenOrderByTxnDate(
                    m.matterNumber(), TransactionType.DRAWDOWN, a.drawdownsFrom(), a.asOf())) {
                drawdowns.add(Map.of("date", t.txnDate().toString(), "amount", Money.letter(t.amount()),
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
