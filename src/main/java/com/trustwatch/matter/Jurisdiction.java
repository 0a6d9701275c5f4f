package com.trustwatch.matter;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A jurisdiction code: {@code ABA} (the Model Rules, the default) or a US state as {@code US-XX}.
 * Any well-formed US state code is accepted; states without a pack of their own are checked
 * against the ABA pack.
 */
public final class Jurisdiction {

    public static final String DEFAULT = "ABA";
    private static final Pattern CODE = Pattern.compile("ABA|US-[A-Z]{2}");
    private static final List<String> STATES = List.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
            "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
            "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
            "WV", "WI", "WY", "PR");

    private Jurisdiction() {
    }

    /** Normalises a code, or throws with a message that names the bad value. Blank means ABA. */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT;
        }
        String code = raw.trim().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(code).matches() || (code.startsWith("US-") && !STATES.contains(code.substring(3)))) {
            throw new IllegalArgumentException("unknown jurisdiction '" + raw.trim()
                    + "' (expected ABA or a US state code such as US-CA)");
        }
        return code;
    }
}
