package com.trustwatch.exceptionqueue;

/** Where an exception item is: OPEN, then ACKNOWLEDGED (someone has it), then RESOLVED (done, with a note). */
enum ItemStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    boolean canBecome(ItemStatus next) {
        return switch (next) {
            case ACKNOWLEDGED -> this == OPEN;
            case RESOLVED -> this != RESOLVED;
            case OPEN -> false;
        };
    }

    /** The verb an audit entry and an error message use for reaching this status. */
    String verb() {
        return this == ACKNOWLEDGED ? "acknowledged" : this == RESOLVED ? "resolved" : "opened";
    }
}
