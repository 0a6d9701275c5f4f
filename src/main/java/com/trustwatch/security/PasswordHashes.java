package com.trustwatch.security;

import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Password hashes as logins are configured with: bcrypt (salted, deliberately slow; Spring Security
 * Crypto's {@link BCrypt}), in the usual {@code $2a$12$<22 salt chars><31 hash chars>} form. The cost
 * (12 by default, each step doubles the work) is part of the hash, so a stored hash keeps working when
 * the default changes. {@code java -jar trustwatch.jar hash-password} prints one (docs/operations.md).
 */
public final class PasswordHashes {

    /** 2^12 rounds: about a quarter of a second per check on two cores, per guess for an attacker too. */
    public static final int DEFAULT_COST = 12;
    /** Below this a hash is accepted with a warning: it is salted, but quick to guess. */
    static final int WEAK_COST = 10;
    /** bcrypt reads only the first 72 bytes of a password; longer ones are refused rather than cut. */
    static final int MAX_BYTES = 72;
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    private PasswordHashes() {
    }

    /**
     * A new salted hash of {@code password}.
     *
     * @throws IllegalArgumentException for an empty password, or one longer than 72 bytes in UTF-8
     */
    public static String hash(String password, int cost) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password is empty");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("the password is longer than " + MAX_BYTES
                    + " bytes, which bcrypt would silently cut; use a shorter one");
        }
        return BCrypt.hashpw(password, BCrypt.gensalt(cost));
    }

    /** Whether {@code stored} is a bcrypt hash this class can check. */
    public static boolean isHash(String stored) {
        return stored != null && BCRYPT.matcher(stored).matches();
    }

    /** The cost a bcrypt hash was made with. */
    static int cost(String hash) {
        var m = BCRYPT.matcher(hash);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a bcrypt hash");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Whether {@code password} is the one {@code hash} was made from; a password bcrypt cannot take is not. */
    public static boolean matches(String password, String hash) {
        if (password == null || password.isEmpty()
                || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES || !isHash(hash)) {
            return false;
        }
        return BCrypt.checkpw(password, hash);
    }
}
