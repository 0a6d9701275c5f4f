package com.trustwatch.decision;

import java.util.Map;

/**
 * Jurisdiction codes in the words a lawyer writes: {@code US-CA} is "California". Flags and letters
 * never print the code itself. A matter in {@code ABA} (no state recorded) reads "this matter's
 * jurisdiction".
 */
public final class JurisdictionNames {

    private static final Map<String, String> STATES = Map.ofEntries(
            Map.entry("AL", "Alabama"), Map.entry("AK", "Alaska"), Map.entry("AZ", "Arizona"),
            Map.entry("AR", "Arkansas"), Map.entry("CA", "California"), Map.entry("CO", "Colorado"),
            Map.entry("CT", "Connecticut"), Map.entry("DE", "Delaware"), Map.entry("DC", "the District of Columbia"),
            Map.entry("FL", "Florida"), Map.entry("GA", "Georgia"), Map.entry("HI", "Hawaii"),
            Map.entry("ID", "Idaho"), Map.entry("IL", "Illinois"), Map.entry("IN", "Indiana"),
            Map.entry("IA", "Iowa"), Map.entry("KS", "Kansas"), Map.entry("KY", "Kentucky"),
            Map.entry("LA", "Louisiana"), Map.entry("ME", "Maine"), Map.entry("MD", "Maryland"),
            Map.entry("MA", "Massachusetts"), Map.entry("MI", "Michigan"), Map.entry("MN", "Minnesota"),
            Map.entry("MS", "Mississippi"), Map.entry("MO", "Missouri"), Map.entry("MT", "Montana"),
            Map.entry("NE", "Nebraska"), Map.entry("NV", "Nevada"), Map.entry("NH", "New Hampshire"),
            Map.entry("NJ", "New Jersey"), Map.entry("NM", "New Mexico"), Map.entry("NY", "New York"),
            Map.entry("NC", "North Carolina"), Map.entry("ND", "North Dakota"), Map.entry("OH", "Ohio"),
            Map.entry("OK", "Oklahoma"), Map.entry("OR", "Oregon"), Map.entry("PA", "Pennsylvania"),
            Map.entry("RI", "Rhode Island"), Map.entry("SC", "South Carolina"), Map.entry("SD", "South Dakota"),
            Map.entry("TN", "Tennessee"), Map.entry("TX", "Texas"), Map.entry("UT", "Utah"),
            Map.entry("VT", "Vermont"), Map.entry("VA", "Virginia"), Map.entry("WA", "Washington"),
            Map.entry("WV", "West Virginia"), Map.entry("WI", "Wisconsin"), Map.entry("WY", "Wyoming"),
            Map.entry("PR", "Puerto Rico"));

    private JurisdictionNames() {
    }

    /** "California" for {@code US-CA}; "this matter's jurisdiction" for {@code ABA}, null or an unknown code. */
    public static String of(String code) {
        if (code != null && code.startsWith("US-")) {
            String name = STATES.get(code.substring(3));
            if (name != null) {
                return name;
            }
        }
        return "this matter's jurisdiction";
    }

    /** Whether the code names a state (as opposed to ABA, the Model Rules default). */
    public static boolean isState(String code) {
        return code != null && code.startsWith("US-") && STATES.containsKey(code.substring(3));
    }
}
