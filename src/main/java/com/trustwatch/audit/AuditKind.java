package com.trustwatch.audit;

/** What an audit entry records. Stored by name; a new kind is added at the end of its group. */
public enum AuditKind {
    // the book
    ROSTER_IMPORTED,
    MATTER_SAVED,
    TRANSACTION_RECORDED,
    // evaluations
    EVALUATION_STARTED,
    EVALUATION_FINISHED,
    EVALUATION_FAILED,
    CHECKED,
    ACTION_PLANNED,
    TASK_QUEUED,
    EPISODE_OPENED,
    EPISODE_ADVANCED,
    EPISODE_STOPPED,
    EVALUATION_CANCEL_REQUESTED,
    EVALUATION_CANCELLED,
    // delivery
    SENT,
    SEND_FAILED,
    DEAD_LETTER,
    DELIVERY_REQUEUED,
    // people handling the exception queue
    EXCEPTION_ACKNOWLEDGED,
    EXCEPTION_RESOLVED,
    // the policy: ruleset versions and counsel's sign-offs
    RULESET_SEEDED,
    RULESET_UPLOADED,
    RULESET_REFUSED,
    RULESET_APPROVED,
    RULESET_REJECTED,
    RULESET_ACTIVATED,
    RULESET_ROLLED_BACK,
    RULESET_RULES_CHANGED,
    PACK_SIGNED_OFF,
    /** An item closed itself: an evaluation no longer finds anything of its concern. */
    EXCEPTION_CLOSED,
    // client messages held for a person, and their release
    REQUEST_HELD,
    REQUEST_APPROVED,
    REQUEST_AMENDED,
    REQUEST_DECLINED,
    /** A held message's episode ended before anyone released it: it will not go out. */
    REQUEST_WITHDRAWN,
    // connectors (docs/operations.md "Connectors")
    PAYMENT_RECEIVED,
    PAYMENT_REFUSED,
    SMS_CONSENT_CHANGED,
    SMS_HELD,
    SMS_WITHHELD,
    BOOK_SYNCED,
    SYNC_RECORD_REFUSED,
    CONNECTOR_CHANGED,
    EVENT_DELIVERED,
    // reports
    /** The monthly email of the reports to the trust-account supervisor was prepared and put in the outbox. */
    REPORT_QUEUED
}
