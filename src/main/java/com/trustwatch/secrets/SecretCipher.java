package com.trustwatch.secrets;

import jakarta.inject.Singleton;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seals secrets kept in the database with AES-256-GCM (javax.crypto only). Stored form:
 * {@code tw1:<keyId>:<base64url(iv[12] || ciphertext || tag[16])>}. A fresh random 96-bit IV per
 * value. The associated data ({@code context}, e.g. {@code clio_connection:1:refresh_token}) binds a
 * sealed value to its row and column: copied elsewhere, it no longer opens. Keys come from
 * {@link SecretSettings}; with none configured, {@link #available()} is false and sealing refuses
 * with a message naming the setting.
 */
@Singleton
public class SecretCipher {

    private static final String PREFIX = "tw1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final String activeKeyId;
    private final Map<String, SecretKey> keys;

    /**
     * @throws IllegalArgumentException when a key is not 32 bytes of base64, or the active key id names
     *                                  no configured key: the service does not start
     */
    public SecretCipher(SecretSettings settings) {
        Map<String, SecretKey> m = new TreeMap<>();
        if (settings.keys() != null) {
            settings.keys().forEach((id, b64) -> {
                if (id.contains(":")) {
                    throw new IllegalArgumentException("trustwatch.secrets.keys: key id '" + id + "' contains ':'");
                }
                byte[] raw;
                try {
                    raw = Base64.getDecoder().decode(b64.trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("trustwatch.secrets.keys." + id + " is not base64");
                }
                if (raw.length != 32) {
                    throw new IllegalArgumentException("trustwatch.secrets.keys." + id
                            + " must be 32 bytes (AES-256; openssl rand -base64 32), not " + raw.length);
                }
                m.put(id, new SecretKeySpec(raw, "AES"));
            });
        }
        String active = settings.activeKeyId() == null || settings.activeKeyId().isBlank() ? null : settings.activeKeyId();
        if (active != null && !m.containsKey(active)) {
            throw new IllegalArgumentException("trustwatch.secrets.active-key-id '" + active
                    + "' names no key under trustwatch.secrets.keys");
        }
        this.activeKeyId = active;
        this.keys = Map.copyOf(m);
    }

    /** Whether a key is configured to seal new secrets. */
    public boolean available() {
        return activeKeyId != null;
    }

    /** A fresh key for configuration: base64 of 32 random bytes. */
    public static String newKeyBase64() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    /** @throws IllegalStateException when no key is configured */
    public String seal(String plaintext, String context) {
        if (!available()) {
            throw new IllegalStateException("no key to seal secrets with: set trustwatch.secrets.active-key-id and"
                    + " trustwatch.secrets.keys (docs/operations.md, \"Secrets at rest\")");
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(aad(activeKeyId, context));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + ":" + activeKeyId + ":"
                    + B64.encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a secret failed", e);
        }
    }

    /**
     * @throws IllegalStateException when the value was sealed under a key that is no longer configured
     * @throws SecurityException     when the value was altered, moved to another row, or the key is wrong
     */
    public String open(String sealed, String context) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            throw new SecurityException("not a sealed value");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("the secret was sealed under key '" + parts[1]
                    + "', which is not configured any more (trustwatch.secrets.keys)");
        }
        byte[] blob = B64D.decode(parts[2]);
        if (blob.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecurityException("sealed value too short");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, IV_BYTES));
            c.updateAAD(aad(parts[1], context));
            return new String(c.doFinal(blob, IV_BYTES, blob.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecurityException("a sealed secret does not open: altered, moved to another row, or the wrong key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("opening a secret failed", e);
        }
    }

    private static byte[] aad(String keyId, String context) {
        return (PREFIX + ":" + keyId + ":" + context).getBytes(StandardCharsets.UTF_8);
    }
}
