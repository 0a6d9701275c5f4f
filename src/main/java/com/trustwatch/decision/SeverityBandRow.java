package com.trustwatch.decision;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A row of "Severity bands" (severity-bands.xlsx, seed 003): the band of a watched matter's balance as a
 * share of its threshold, and what the band asks for. A null condition means "any": {@code atLeast} and
 * {@code below} are shares of the threshold (0.9 = 90%), {@code depleted} whether the balance is at or
 * below zero, {@code billing} whether the matter is actively billing. A share of a threshold of 0.00 is
 * undefined ({@link Threshold#ratio()} is null): a row that names a share never matches it, a row about
 * a depleted balance does, so a zero threshold never silences an overdrawn matter.
 */
public record SeverityBandRow(BigDecimal atLeast, BigDecimal below, Boolean depleted, Boolean billing, Band band,
                              int notifyWithinHours, boolean clientRequest, boolean alertAttorney,
                              boolean alertBillingManager, boolean alertManagingPartner, boolean exceptionTask,
                              boolean stopWorkRecommendation, String ruleName) implements PolicyRow {

    /** Whether a matter's balance against its threshold falls in this row. */
    public boolean holds(Threshold threshold, MatterFacts matter) {
        BigDecimal ratio = threshold.ratio();
        if ((atLeast != null || below != null) && ratio == null) {
            return false;
        }
        if (atLeast != null && ratio.compareTo(atLeast) < 0) {
            return false;
        }
        if (below != null && ratio.compareTo(below) >= 0) {
            return false;
        }
        if (depleted != null && (matter.balance().signum() <= 0) != depleted) {
            return false;
        }
        return billing == null || matter.activelyBilling() == billing;
    }

    /** Whether the band alerts anyone. */
    public boolean alertsAnyone() {
        return alertAttorney || alertBillingManager || alertManagingPartner;
    }

    /** The people this band alerts, in the order of the table's columns (an unmodifiable list). */
    public List<Role> alertRoles() {
        return ALERTED[(alertAttorney ? 1 : 0) | (alertBillingManager ? 2 : 0) | (alertManagingPartner ? 4 : 0)];
    }

    /**
     * Every choice of the three alert columns (bit 1 attorney, 2 billing manager, 4 managing partner) with
     * its people, built once: an alert asks for its band's people on every matter in the band.
     */
    private static final List<Role>[] ALERTED = alertedLists();

    @SuppressWarnings("unchecked")
    private static List<Role>[] alertedLists() {
        List<Role>[] lists = new List[8];
        for (int bits = 0; bits < 8; bits++) {
            List<Role> roles = new ArrayList<>(3);
            if ((bits & 1) != 0) {
                roles.add(Role.ATTORNEY);
            }
            if ((bits & 2) != 0) {
                roles.add(Role.BILLING_MANAGER);
            }
            if ((bits & 4) != 0) {
                roles.add(Role.MANAGING_PARTNER);
            }
            lists[bits] = List.copyOf(roles);
        }
        return lists;
    }
}
