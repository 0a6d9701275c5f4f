package com.trustwatch.web;

/**
 * What text a person may send: names and codes are one line of printable characters; free text
 * (ledger descriptions, handling notes) may hold line breaks and tabs, which are folded into single
 * spaces, since every place that shows it (a letter's list of drawdowns, an audit line, a mail
 * header) is one line. Everything else that a reader cannot see is refused, with its position:
 * <ul>
 *   <li>C0 and C1 control characters and DEL (NUL, ESC, CR and LF in a name, ...);</li>
 *   <li>the Unicode line and paragraph separators (U+2028, U+2029), which break a line like LF;</li>
 *   <li>the bidirectional embedding, override and isolate marks (U+202A to U+202E, U+2066 to U+2069),
 *       which make text display in another order than it reads;</li>
 *   <li>U+FEFF (a byte-order mark inside text) and U+FFFD (the mark a wrong decoding leaves), which
 *       say that the text was damaged before it arrived.</li>
 * </ul>
 * Each method throws {@link IllegalArgumentException} with a message that names the character and
 * where it is; callers add the field, line or column.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Whether {@code c} is a character no field may hold (see the class comment). */
    public static boolean isForbidden(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F
                || c == 0x2028 || c == 0x2029
                || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069
                || c == 0xFEFF || c == 0xFFFD;
    }

    /**
     * A name, number or code: one line, at most {@code max} characters, nothing a reader cannot see.
     * Surrounding spaces are the caller's to trim.
     */
    public static String oneLine(String text, int max) {
        refuseInvisible(text, false);
        return withinLength(text, max);
    }

    /**
     * Free text that may have been typed over several lines: CR, LF, CRLF and tabs, with the spaces
     * around them, fold into one space; other invisible characters are refused. At most {@code max}
     * characters after folding; the result is trimmed.
     */
    public static String folded(String text, int max) {
        refuseInvisible(text, true);
        String folded = text.replaceAll("[ ]*[\\r\\n\\t]+[ \\r\\n\\t]*", " ").trim();
        return withinLength(folded, max);
    }

    private static void refuseInvisible(String text, boolean breaksAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (breaksAllowed && (c == '\r' || c == '\n' || c == '\t')) {
                continue;
            }
            if (isForbidden(c)) {
                throw new IllegalArgumentException("contains " + describe(c) + " at character " + (i + 1)
                        + (breaksAllowed ? "; only printable text, line breaks and tabs are accepted"
                        : "; this field takes one line of printable text"));
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)))) {
                if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
                    continue;
                }
                throw new IllegalArgumentException("contains a broken character (an unpaired surrogate) at character " + (i + 1));
            }
        }
    }

    private static String withinLength(String text, int max) {
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            throw new IllegalArgumentException("is " + length + " characters long; at most " + max + " are accepted");
        }
        return text;
    }

    /** The character in words: "a line break (LF, U+000A)". */
    static String describe(char c) {
        String code = String.format("U+%04X", (int) c);
        return switch (c) {
            case '\n' -> "a line break (LF, " + code + ")";
            case '\r' -> "a line break (CR, " + code + ")";
            case '\t' -> "a tab (" + code + ")";
            case 0 -> "a NUL character (" + code + ")";
            case 0x2028, 0x2029 -> "a Unicode line or paragraph separator (" + code + ")";
            case 0xFEFF -> "a byte-order mark inside the text (" + code + ")";
            case 0xFFFD -> "a replacement character (" + code + "), left where a wrong encoding damaged the text";
            default -> c >= 0x202A && c <= 0x2069 ? "a bidirectional-text control (" + code + ")"
                    : "a control character (" + code + ")";
        };
    }
}
