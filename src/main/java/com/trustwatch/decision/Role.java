package com.trustwatch.decision;

/** Who a message is for. Rules name roles; the planner resolves them to the matter's addresses. */
public enum Role {
    BILLING_CONTACT,
    ATTORNEY,
    BILLING_MANAGER,
    BOOKKEEPER,
    PRACTICE_GROUP_LEADER,
    MANAGING_PARTNER
}
