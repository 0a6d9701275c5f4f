package com.trustwatch.audit;

import io.micronaut.serde.annotation.Serdeable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed statement "the audit chain had {@code seq} entries, the last with hash {@code hash}, at
 * {@code at}". Kept outside the database (a file, the evaluation's answer, an auditor's mail), it
 * lets verification notice a chain that was cut short and had its head row rewritten to match.
 * {@code token} is the whole checkpoint in one line, as an auditor stores it and hands it back:
 * {@code twcp1.<seq>.<hash>.<time>.<Ed25519 signature, base64url>}.
 */
@Serdeable
public record Checkpoint(long seq, String hash, Instant at, String signature, String token) {

    private static final Pattern TOKEN = Pattern.compile(
            "twcp1\\.(\\d{1,18})\\.([0-9a-f]{64})\\.(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)\\.([A-Za-z0-9_-]{86})");

    static Checkpoint of(long seq, String hash, Instant at, String signature) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        return new Checkpoint(seq, hash, second, signature,
                "twcp1." + seq + "." + hash + "." + second + "." + signature);
    }

    /** The bytes the signature covers. */
    static byte[] signed(long seq, String hash, Instant at) {
        return ("trustwatch audit checkpoint v1\n" + seq + "\n" + hash + "\n" + at.truncatedTo(ChronoUnit.SECONDS))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a token.
     *
     * @throws IllegalArgumentException if it is not one (the message says what a token looks like)
     */
    public static Checkpoint parse(String token) {
        Matcher m = token == null ? null : TOKEN.matcher(token.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not an audit checkpoint: expected twcp1.<entries>.<64 hex hash>"
                    + ".<UTC time to the second>.<signature>, as the evaluation's answer or the checkpoint file gives it");
        }
        try {
            return of(Long.parseLong(m.group(1)), m.group(2), Instant.parse(m.group(3)), m.group(4));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an audit checkpoint: " + m.group(3) + " is not a time");
        }
    }
}
