package com.trustwatch.decision;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What a rule decided should happen. A rule inserts one of these and does nothing else; the
 * executor turns it into a recorded, delivered action. {@code episode} names the business episode
 * (for example {@code low-balance:2026-11-02:stage-1}) that, with the matter and the type, makes
 * the idempotency key.
 */
public record ActionProposal(
        String matterNumber,
        ActionType type,
        String severity,
        String code,
        BigDecimal amount,
        List<Role> to,
        List<Role> cc,
        List<Role> bcc,
        String ruleName,
        String reason,
        String episode,
        BigDecimal threshold,
        BigDecimal refillTo,
        String citation) {

    public ActionProposal {
        Objects.requireNonNull(matterNumber, "matterNumber");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ruleName, "ruleName");
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    /** The stable rule id: the first word of the rule name ({@code "RP-010 Request ..."} gives {@code RP-010}). */
    public String ruleId() {
        int space = ruleName.indexOf(' ');
        return space < 0 ? ruleName : ruleName.substring(0, space);
    }

    /** The same proposal with the citation of the rule that made it (from the rule's @citation). */
    public ActionProposal withCitation(String ruleCitation) {
        return new ActionProposal(matterNumber, type, severity, code, amount, to, cc, bcc, ruleName, reason, episode,
                threshold, refillTo, ruleCitation);
    }

    public static Builder of(MatterFacts matter, ActionType type, String ruleName) {
        return new Builder(matter.matterNumber(), type, ruleName);
    }

    /** Keeps rule consequences short and readable. */
    public static final class Builder {
        private final String matterNumber;
        private final ActionType type;
        private final String ruleName;
        private String severity;
        private String code;
        private BigDecimal amount;
        private List<Role> to = List.of();
        private List<Role> cc = List.of();
        private List<Role> bcc = List.of();
        private String reason = "";
        private String episode = "";
        private BigDecimal threshold;
        private BigDecimal refillTo;

        private Builder(String matterNumber, ActionType type, String ruleName) {
            this.matterNumber = matterNumber;
            this.type = type;
            this.ruleName = ruleName;
        }

        public Builder severity(String v) { severity = v; return this; }
        public Builder code(String v) { code = v; return this; }
        public Builder amount(BigDecimal v) { amount = v; return this; }
        public Builder to(Role... v) { to = List.of(v); return this; }
        public Builder to(List<Role> v) { to = v; return this; }
        public Builder cc(Role... v) { cc = List.of(v); return this; }
        public Builder cc(List<Role> v) { cc = v; return this; }
        public Builder bcc(Role... v) { bcc = List.of(v); return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder episode(String v) { episode = v; return this; }
        /** The threshold the balance was compared with (requests and alerts). */
        public Builder threshold(BigDecimal v) { threshold = v; return this; }
        /** The balance a request restores. */
        public Builder refillTo(BigDecimal v) { refillTo = v; return this; }

        public ActionProposal build() {
            return new ActionProposal(matterNumber, type, severity, code, amount, to, cc, bcc, ruleName, reason,
                    episode, threshold, refillTo, null);
        }
    }
}
