package com.trustwatch.rules;

import com.trustwatch.decision.Obligation;
import com.trustwatch.decision.Obligations;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterStatus;
import com.trustwatch.matter.RecordRetention;
import com.trustwatch.money.Money;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Record retention from the record-retention row of the matter's jurisdiction pack (the default
 * pack's for a jurisdiction without one). The period is counted from the latest date recorded for
 * the matter (its closing, last deposit, replenishment, reconciliation, notice or accounting), which
 * is never earlier than the date a rule counts from, whether that is "termination of the
 * representation" or "the events they record"; so the date shown is never too early. While a closed
 * matter still holds money, the final payment and its records are still to come, and no date is given.
 */
@Singleton
class PackRecordRetention implements RecordRetention {

    private final ActiveRuleset active;

    PackRecordRetention(ActiveRuleset active) {
        this.active = active;
    }

    @Override
    public Optional<Retention> of(Matter matter) {
        return retention(active.get().obligations(), matter);
    }

    static Optional<Retention> retention(Obligations obligations, Matter m) {
        if (m.status() != MatterStatus.CLOSED) {
            return Optional.empty();
        }
        Optional<Obligation> row = obligations.recordRetention(m.jurisdiction());
        if (row.isEmpty()) {
            return Optional.of(new Retention(null, null, null, null, null, null,
                    "No record-retention period is stated for this jurisdiction; keep the records."));
        }
        Obligation r = row.get();
        if (m.closedOn() == null) {
            return Optional.of(new Retention(null, r.years(), null, r.citation(), r.source(), r.confidence(),
                    "The closing date is not recorded, so the date until which the records must be kept cannot "
                            + "be worked out. Record the closing date."));
        }
        if (m.trustBalance().signum() != 0) {
            return Optional.of(new Retention(null, r.years(), null, r.citation(), r.source(), r.confidence(),
                    "Trust still holds " + Money.letter(m.trustBalance()) + " for this matter. The records must be "
                            + "kept for " + r.years() + " years counted from the final payment out of trust, "
                            + "which is still to come."));
        }
        LocalDate from = Stream.of(m.closedOn(), m.lastDepositOn(), m.lastReplenishedOn(), m.lastReconciledOn(),
                        m.receiptNotifiedOn(), m.lastAccountingOn())
                .filter(Objects::nonNull).max(LocalDate::compareTo).orElseThrow();
        return Optional.of(new Retention(from.plusYears(r.years()), r.years(), from, r.citation(), r.source(),
                r.confidence(), "Kept for " + r.years() + " years counted from " + from + ", the latest date "
                + "recorded for this matter, which is never earlier than the date the rule counts from."));
    }
}
