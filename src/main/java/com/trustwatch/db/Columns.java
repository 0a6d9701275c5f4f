package com.trustwatch.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fitting text into {@code VARCHAR(n)} columns. */
public final class Columns {

    private Columns() {
    }

    /**
     * {@code text} cut to at most {@code max} characters, ending in "..." when it was cut; null stays null.
     * Cuts never split a surrogate pair, so a stored value is always valid UTF-8.
     */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    /**
     * A key for a {@code VARCHAR(255)} unique column: kept as it is when it fits, otherwise its first
     * 190 characters and the hex SHA-256 of the whole, so two long keys never collide by truncation.
     */
    public static String key(String key) {
        if (key.length() <= 255) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return key.substring(0, 190) + "#" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
