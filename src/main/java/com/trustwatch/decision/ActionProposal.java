package com.trustwatch.decision;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule decided should happen. A rule inserts one of these and does nothing else; the
 * executor turns it into a recorded, delivered action. {@code episode} names the business episode
 * ({@link EpisodeKey}) that, with the matter, the type and the code, makes the idempotency key.
 *
 * <p>A low-balance action carries its {@code band} (WATCH … CRITICAL) and the severity that band
 * means; a flag or a task carries a {@code severity} only. Amounts are dollars at cent scale.
 *
 * @param thresholdBasis where {@code threshold} comes from (requests, follow-ups and alerts), so a letter
 *                       says the truth about it; null when the action names no threshold
 * @param holds          why a client message waits for a person before it goes out; empty when it need not
 * @param concern        what a person would call the matter's problem ({@code "balance"} for everything
 *                       about a low or overdrawn balance); the exception queue keeps one open item per
 *                       matter and concern. Null: the code is the concern
 */
public record ActionProposal(
        String matterNumber,
        ActionType type,
        Band band,
        Severity severity,
        String code,
        BigDecimal amount,
        List<Role> to,
        List<Role> cc,
        List<Role> bcc,
        String ruleName,
        String reason,
        EpisodeKey episode,
        BigDecimal threshold,
        BigDecimal refillTo,
        String citation,
        ThresholdBasis thresholdBasis,
        List<Hold> holds,
        String concern) {

    /** The concern of everything about a matter's low or overdrawn trust balance. */
    public static final String BALANCE = "balance";

    public ActionProposal {
        Objects.requireNonNull(matterNumber, "matterNumber");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(episode, "episode");
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        holds = holds == null ? List.of() : List.copyOf(holds);
    }

    /** The stable rule id: the first word of the rule name ({@code "RP-020 Ask the billing contact ..."} gives {@code RP-020}). */
    public String ruleId() {
        int space = ruleName.indexOf(' ');
        return space < 0 ? ruleName : ruleName.substring(0, space);
    }

    /** The same proposal with the citation of the rule that made it (from the rule's @citation). */
    public ActionProposal withCitation(String ruleCitation) {
        return new ActionProposal(matterNumber, type, band, severity, code, amount, to, cc, bcc, ruleName, reason,
                episode, threshold, refillTo, ruleCitation, thresholdBasis, holds, concern);
    }

    public static Builder of(MatterFacts matter, ActionType type, String ruleName) {
        return new Builder(matter.matterNumber(), type, ruleName);
    }

    /**
     * A compliance flag whose severity and code are the rule's own metadata ({@code @severity},
     * {@code @code}), so a rule states them once. Throws when either is missing or unknown.
     *
     * @param metadata the rule's metadata ({@code drools.getRule().getMetaData()})
     */
    public static Builder flag(MatterFacts matter, String ruleName, Map<String, Object> metadata) {
        return fromMetadata(matter, ActionType.COMPLIANCE_FLAG, ruleName, metadata);
    }

    /**
     * A compliance flag raised by a rule that reads a jurisdiction's obligation row: the code is the
     * rule's ({@code @code}); the citation is the row's, so the flag cites the matter's own
     * jurisdiction; the severity is the row's where it sets one, else the rule's {@code @severity}.
     */
    public static Builder flag(MatterFacts matter, String ruleName, Map<String, Object> metadata, Obligation row) {
        Object code = metadata.get("code");
        Object ruleSeverity = metadata.get("severity");
        if (code == null || (row.severity() == null && ruleSeverity == null)) {
            throw new IllegalStateException("rule '" + ruleName + "' raises a flag without @code, or without a "
                    + "severity in its @severity or in the row at " + row.file() + ":" + row.line());
        }
        Severity severity = row.severity() != null ? row.severity() : Severity.valueOf(ruleSeverity.toString());
        Object concern = metadata.get("concern");
        return new Builder(matter.matterNumber(), ActionType.COMPLIANCE_FLAG, ruleName)
                .severity(severity).code(code.toString()).citation(row.citation())
                .concern(concern == null ? null : concern.toString());
    }

    /**
     * A task for a person (a data-quality item) whose severity and code are the rule's own metadata,
     * stated once like a flag's. Throws when either is missing or unknown.
     */
    public static Builder task(MatterFacts matter, String ruleName, Map<String, Object> metadata) {
        return fromMetadata(matter, ActionType.EXCEPTION_TASK, ruleName, metadata);
    }

    private static Builder fromMetadata(MatterFacts matter, ActionType type, String ruleName,
                                        Map<String, Object> metadata) {
        Object severity = metadata.get("severity");
        Object code = metadata.get("code");
        if (severity == null || code == null) {
            throw new IllegalStateException("rule '" + ruleName + "' raises a " + type + " without @severity and @code metadata");
        }
        Object concern = metadata.get("concern");
        return new Builder(matter.matterNumber(), type, ruleName)
                .severity(Severity.valueOf(severity.toString())).code(code.toString())
                .concern(concern == null ? null : concern.toString());
    }

    /** Keeps rule consequences short and readable. */
    public static final class Builder {
        private final String matterNumber;
        private final ActionType type;
        private final String ruleName;
        private Band band;
        private Severity severity;
        private String code;
        private BigDecimal amount;
        private List<Role> to = List.of();
        private List<Role> cc = List.of();
        private List<Role> bcc = List.of();
        private String reason = "";
        private EpisodeKey episode;
        private BigDecimal threshold;
        private BigDecimal refillTo;
        private String citation;
        private ThresholdBasis thresholdBasis;
        private List<Hold> holds = List.of();
        private String concern;

        private Builder(String matterNumber, ActionType type, String ruleName) {
            this.matterNumber = matterNumber;
            this.type = type;
            this.ruleName = ruleName;
        }

        /** The low-balance band; also sets the severity the band means, unless one was set. */
        public Builder band(Band v) { band = v; return this; }
        public Builder severity(Severity v) { severity = v; return this; }
        public Builder code(String v) { code = v; return this; }
        public Builder amount(BigDecimal v) { amount = v; return this; }
        public Builder to(Role... v) { to = List.of(v); return this; }
        public Builder to(List<Role> v) { to = v; return this; }
        public Builder cc(Role... v) { cc = List.of(v); return this; }
        public Builder cc(List<Role> v) { cc = v; return this; }
        public Builder bcc(Role... v) { bcc = List.of(v); return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder episode(EpisodeKey v) { episode = v; return this; }
        /** The threshold the balance was compared with, and where it comes from. */
        public Builder threshold(Threshold t) { threshold = t.amount(); thresholdBasis = t.source(); return this; }
        /** The balance a request restores. */
        public Builder refillTo(BigDecimal v) { refillTo = v; return this; }
        /** The citation, where it depends on the matter (its jurisdiction's row) rather than the rule. */
        public Builder citation(String v) { citation = v; return this; }
        /** Holds a client message for a person, for each review a rule asked for (none: it goes out by itself). */
        public Builder heldFor(List<ReviewRequired> reviews) {
            if (reviews.isEmpty()) {
                holds = List.of();
                return this;
            }
            List<Hold> list = new ArrayList<>(reviews.size());
            for (ReviewRequired review : reviews) {
                list.add(review.hold());
            }
            holds = list;
            return this;
        }
        /** What the matter's problem is, for the exception queue ({@link #BALANCE}); default: the code. */
        public Builder concern(String v) { concern = v; return this; }

        public ActionProposal build() {
            Severity s = severity != null ? severity : band != null ? band.severity() : null;
            return new ActionProposal(matterNumber, type, band, s, code, amount, to, cc, bcc, ruleName, reason,
                    episode, threshold, refillTo, citation, thresholdBasis, holds, concern);
        }
    }
}
