package com.trustwatch.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The signature scheme of signed webhooks, Stripe's with our header name, in both directions (events
 * Trustwatch sends, and payments a generic processor sends it):
 * <pre>
 * Trustwatch-Signature: t=1767225600,v1=hex(HMAC-SHA256(secret, "1767225600" + "." + raw body))
 * </pre>
 * {@code t} is unix seconds at signing; a receiver refuses a timestamp more than the tolerance away
 * from its clock (either way), compares in constant time, and accepts when any {@code v1} matches.
 */
public final class WebhookSignature {

    public static final String HEADER = "Trustwatch-Signature";

    private WebhookSignature() {
    }

    /** The header value for {@code rawBody} signed at {@code timestampSeconds}. */
    public static String sign(String rawBody, long timestampSeconds, String secret) {
        return "t=" + timestampSeconds + ",v1=" + hmacHex(secret, timestampSeconds + "." + rawBody);
    }

    /** Why a signature was refused. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * @throws Refused when the header is missing or garbled, its timestamp is more than
     *                 {@code toleranceSeconds} from now (past or future), or no v1 matches
     */
    public static void verify(String header, String rawBody, String secret, long toleranceSeconds, Clock clock)
            throws Refused {
        if (header == null || header.isBlank()) {
            throw new Refused("no " + HEADER + " header");
        }
        long t = -1;
        List<String> v1 = new ArrayList<>();
        for (String item : header.split(",")) {
            String[] kv = item.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    throw new Refused(HEADER + ": t is not a number");
                }
            } else if (kv[0].equals("v1")) {
                v1.add(kv[1]);
            }
        }
        if (t <= 0 || v1.isEmpty()) {
            throw new Refused(HEADER + " needs t=<unix seconds> and v1=<signature>");
        }
        long now = clock.millis() / 1000;
        if (Math.abs(now - t) > toleranceSeconds) {
            throw new Refused(HEADER + ": timestamp " + t + " is more than " + toleranceSeconds + " s from now");
        }
        byte[] expected = hmacHex(secret, t + "." + rawBody).getBytes(StandardCharsets.US_ASCII);
        for (String candidate : v1) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
                return;
            }
        }
        throw new Refused(HEADER + ": no signature matches the body");
    }

    static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
