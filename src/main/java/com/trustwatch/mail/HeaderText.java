package com.trustwatch.mail;

/**
 * Text from data made safe for a mail header (a Subject, a display name). A header ends at a line
 * break, so a line break in a matter name would cut the Subject short and push the rest into the
 * body, or start a header of its own. Every character that breaks a line or controls the terminal
 * (CR, LF, NUL and the rest of C0 and C1, DEL, U+2028, U+2029) and every other run of whitespace
 * becomes one space; invisible format characters (zero-width, bidirectional overrides) are dropped;
 * the result is trimmed and cut to a length (JavaMail then encodes and folds it per RFC 2047/5322).
 */
public final class HeaderText {

    /** Longest Subject kept, in characters: a long matter name still reads, a pathological one is cut. */
    public static final int SUBJECT = 200;
    /** Longest display name kept, in characters. */
    public static final int DISPLAY_NAME = 120;

    private HeaderText() {
    }

    /** {@code value} on one line, at most {@code max} characters (the last an ellipsis when cut); null stays null. */
    public static String fold(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max + 1));
        boolean gap = false;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (breaks(cp)) {
                gap = true;
            } else if (Character.getType(cp) == Character.FORMAT) {
                continue; // zero-width and bidirectional controls: invisible, and able to disguise the text
            } else {
                if (gap && !out.isEmpty()) {
                    out.append(' ');
                }
                gap = false;
                out.appendCodePoint(cp);
            }
        }
        if (out.codePointCount(0, out.length()) <= max) {
            return out.toString();
        }
        int end = out.offsetByCodePoints(0, max - 1);
        return out.substring(0, end).stripTrailing() + "…";
    }

    /** Whether {@code value} holds a character {@link #fold} would change (a line break, a control). */
    public static boolean isClean(String value) {
        return value == null || value.codePoints().noneMatch(cp -> breaks(cp) && cp != ' '
                || Character.getType(cp) == Character.FORMAT);
    }

    private static boolean breaks(int cp) {
        return Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || cp == 0x2028 || cp == 0x2029;
    }
}
