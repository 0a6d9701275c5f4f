package com.trustwatch.decision;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The part of a matter's trust balance that is deposits whose funds have not cleared on the as-of
 * date, as the rules see it apart from the cleared part. Present only for matters with uncleared
 * deposits; for any other matter the whole balance is cleared. Dollars at cent scale.
 *
 * @param uncleared the deposits dated on or before the as-of date that clear after it
 * @param cleared   the balance less {@code uncleared}: what the matter holds in collected funds (may be negative)
 * @param clearsBy  the day the last of those deposits clears
 */
public record UnclearedFunds(String matterNumber, BigDecimal uncleared, BigDecimal cleared, LocalDate clearsBy) {

    /** The uncleared funds that money paid out for the matter is resting on: none while cleared funds cover it. */
    public BigDecimal drawnAgainst() {
        return cleared.signum() >= 0 ? BigDecimal.ZERO.setScale(2) : cleared.negate().min(uncleared);
    }
}
