package com.trustwatch.web;

/**
 * How an error answer repeats what it was sent: cut to a readable length, with control and
 * line-breaking characters shown as escapes ({@code \n}, {@code \u0000}), so a refused value can
 * neither flood an answer or a log line nor break one.
 */
public final class Echo {

    /** Longest stretch of a refused value repeated back. */
    public static final int MAX_VALUE = 40;

    private Echo() {
    }

    /** {@code 'value'}, escaped and cut to {@link #MAX_VALUE} characters; null reads {@code null}. */
    public static String of(String value) {
        return value == null ? "null" : "'" + plain(value, MAX_VALUE) + "'";
    }

    /** {@code text} escaped and cut to at most {@code max} characters (ending "..." when cut). */
    public static String plain(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        for (int i = 0; i < text.length() && out.length() <= max; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (TextRules.isForbidden(c) || Character.isSurrogate(c) && !pairedAt(text, i)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (out.length() <= max) {
            return out.toString();
        }
        int end = max - 3;
        if (Character.isHighSurrogate(out.charAt(end - 1))) {
            end--;
        }
        return out.substring(0, end) + "...";
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
