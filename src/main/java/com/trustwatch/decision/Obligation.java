package com.trustwatch.decision;

import java.util.Objects;

/**
 * One obligation a jurisdiction's compliance pack states as data rather than as a rule of its own:
 * a row of {@code rules/compliance/<pack>.obligations.csv}, which ethics counsel reads and signs off
 * with the pack. One rule of the common pack reads the rows of every jurisdiction (the reconciliation
 * period, the notice on receipt of funds, the citation of a negative client ledger); the record
 * retention rows are read by the matter view and the catalogue, not by a rule.
 *
 * @param jurisdiction the pack's jurisdiction ({@code US-CA}, or {@code ABA} for the default pack)
 * @param kind         which obligation
 * @param afterDays    a flag is due when more than this many days have passed (reconciliation, receipt
 *                     notice); null for the others
 * @param untilDays    the next stage's {@code afterDays} when the pack has two stages (Illinois: 31 days
 *                     LOW, 92 days HIGH), so that exactly one stage fires; null for the last stage
 * @param years        years the records are kept (record retention); null for the others
 * @param severity     the flag's severity; null where the rule's own severity applies (negative ledger)
 *                     or nothing is flagged (record retention)
 * @param citation     the jurisdiction's rule, as a lawyer would cite it
 * @param source       where the rule text can be read (one or more URLs separated by spaces)
 * @param confidence   {@code verified} (primary text read), {@code secondary} or {@code unverified}
 * @param says         what the jurisdiction requires, in one or two sentences for the flag's reason;
 *                     {@code {state}} stands for the name of the matter's jurisdiction
 * @param note         for counsel: where a figure is the product's reading rather than the rule's
 * @param file         the table file, as a path in the repository
 * @param line         the row's line in that file
 * @param staged       whether the pack has more than one stage of this obligation
 */
public record Obligation(String jurisdiction, Kind kind, Integer afterDays, Integer untilDays, Integer years,
                         Severity severity, String citation, String source, String confidence, String says,
                         String note, String file, int line, boolean staged) {

    /** The obligations a pack table may state, by the name counsel writes in its first column. */
    public enum Kind {
        NEGATIVE_LEDGER("negative-ledger"),
        RECONCILIATION("reconciliation"),
        RECEIPT_NOTICE("receipt-notice"),
        RECORD_RETENTION("record-retention");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name used in the table files and the catalogue. */
        public String label() {
            return label;
        }
    }

    public Obligation {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(citation, "citation");
    }

    /** Whether {@code days} is past this stage and not yet past the next one. */
    public boolean covers(int days) {
        return afterDays != null && days > afterDays && (untilDays == null || days <= untilDays);
    }

    /** {@link #says} with {@code {state}} replaced by the name of {@code matterJurisdiction}. */
    public String saysFor(String matterJurisdiction) {
        return says == null ? "" : says.replace("{state}", JurisdictionNames.of(matterJurisdiction));
    }

    /** The stage name used in episode keys when a pack has two stages (the severity), else null. */
    public String stage() {
        return staged && severity != null ? severity.name() : null;
    }
}
