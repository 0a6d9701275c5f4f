package com.trustwatch.decision;

/** The severity band a low balance falls in and what that band asks for (severity-bands table). */
public record SeverityBand(MatterFacts matter, Band band, int notifyWithinHours, boolean clientRequest,
                           boolean alertAttorney, boolean alertBillingManager, boolean alertManagingPartner,
                           boolean exceptionTask, boolean stopWorkRecommendation, String ruleName) {

    /** The people this band alerts, in the order of the table's columns. */
    public java.util.List<Role> alertRoles() {
        java.util.List<Role> roles = new java.util.ArrayList<>();
        if (alertAttorney) {
            roles.add(Role.ATTORNEY);
        }
        if (alertBillingManager) {
            roles.add(Role.BILLING_MANAGER);
        }
        if (alertManagingPartner) {
            roles.add(Role.MANAGING_PARTNER);
        }
        return roles;
    }
}
