package com.trustwatch.security;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The configured logins. With none configured nobody can log in (the service fails closed). */
@Singleton
public class UserDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);
    private final Map<String, UserAccount> users = new ConcurrentHashMap<>();

    public UserDirectory(List<UserAccount> configured) {
        for (UserAccount u : configured) {
            if (u.password() != null && !u.password().isBlank()) {
                users.put(u.name(), u);
            }
        }
        if (users.isEmpty()) {
            LOG.warn("No users configured (trustwatch.security.users.*): every API call will be refused with 401");
        }
    }

    /** Adds a login at runtime; used by the newcomer demo, which makes up its own passwords. */
    public void add(UserAccount account) {
        users.put(account.name(), account);
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    public Optional<List<String>> authenticate(String name, String password) {
        UserAccount u = users.get(name);
        if (u == null || password == null) {
            return Optional.empty();
        }
        String stored = u.password();
        byte[] expected;
        byte[] actual;
        if (stored.startsWith("{sha256}")) {
            expected = stored.substring("{sha256}".length()).toLowerCase().getBytes(StandardCharsets.UTF_8);
            actual = sha256(password).getBytes(StandardCharsets.UTF_8);
        } else {
            expected = stored.getBytes(StandardCharsets.UTF_8);
            actual = password.getBytes(StandardCharsets.UTF_8);
        }
        return MessageDigest.isEqual(expected, actual)
                ? Optional.of(u.roles() == null ? List.of() : List.copyOf(u.roles()))
                : Optional.empty();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
