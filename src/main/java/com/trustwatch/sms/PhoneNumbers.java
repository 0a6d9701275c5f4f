package com.trustwatch.sms;

import java.util.Optional;

/**
 * Phone numbers as texts are addressed: E.164 ({@code +15555550142}). Books hold them as typed
 * ({@code "+1 555-555-0142"}, {@code "(555) 555-0199"}); a US number of ten digits, or eleven
 * starting with 1, is read as +1; a number written with + keeps its country code. Anything else is
 * not understood: no text goes to a number that had to be guessed.
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    public static Optional<String> e164(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String t = typed.trim();
        boolean plus = t.startsWith("+");
        StringBuilder digits = new StringBuilder();
        for (char c : (plus ? t.substring(1) : t).toCharArray()) {
            if (Character.isDigit(c)) {
                digits.append(c);
            } else if (" -.()/".indexOf(c) < 0) {
                return Optional.empty(); // letters, extensions ("x12"), anything not a plain number
            }
        }
        String d = digits.toString();
        if (plus) {
            return d.length() >= 8 && d.length() <= 15 && d.charAt(0) != '0' ? Optional.of("+" + d) : Optional.empty();
        }
        if (d.length() == 10 && d.charAt(0) >= '2') {
            return Optional.of("+1" + d);
        }
        if (d.length() == 11 && d.charAt(0) == '1' && d.charAt(1) >= '2') {
            return Optional.of("+" + d);
        }
        return Optional.empty();
    }
}
