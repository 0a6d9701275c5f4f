package com.trustwatch.review;

/**
 * Where a held client message stands: PENDING until a person APPROVED it as it was, AMENDED its
 * amount, or DECLINED it; WITHDRAWN when its low-balance episode ended before anyone released it.
 * Only a PENDING review can be decided, once.
 */
public enum ReviewState {
    PENDING, APPROVED, AMENDED, DECLINED, WITHDRAWN;

    /** The verb audit entries and error messages use for reaching this state. */
    String verb() {
        return switch (this) {
            case PENDING -> "held";
            case APPROVED -> "approved";
            case AMENDED -> "amended and released";
            case DECLINED -> "declined";
            case WITHDRAWN -> "withdrawn";
        };
    }
}
