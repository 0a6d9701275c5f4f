package com.trustwatch.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured logins, each with a bcrypt hash of its password. Built when the service starts
 * ({@link Context}), so a login configured with anything but a bcrypt hash (an unsalted
 * {@code {sha256}} digest, or the password itself) stops startup with a message saying how to make
 * a proper hash. With no logins configured nobody can log in (the service fails closed).
 */
@Context
public class UserDirectory {

    static final String HOW_TO_HASH = "make a hash with `java -jar trustwatch.jar hash-password` (it reads the"
            + " password from standard input and prints a bcrypt hash) and configure that hash instead";
    private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);
    private final Map<String, UserAccount> users = new ConcurrentHashMap<>();
    /** Checked for unknown names, so that an unknown name takes as long to refuse as a wrong password. */
    private volatile String decoy;

    public UserDirectory(List<UserAccount> configured) {
        this(configured, false);
    }

    /** The service's directory; under the newcomer demo, which makes up its own logins at start, an empty list is expected. */
    @Inject
    public UserDirectory(List<UserAccount> configured, Environment environment) {
        this(configured, environment.getActiveNames().contains("demo"));
    }

    private UserDirectory(List<UserAccount> configured, boolean demo) {
        List<String> refused = new ArrayList<>();
        for (UserAccount u : configured) {
            if (u.password() == null || u.password().isBlank()) {
                continue;
            }
            String stored = u.password().strip();
            if (!PasswordHashes.isHash(stored)) {
                refused.add(u.name() + (stored.startsWith("{sha256}")
                        ? " (an unsalted {sha256} digest: quick to guess and the same for everyone with that password)"
                        : " (not a bcrypt hash; a password in clear text is refused)"));
                continue;
            }
            if (PasswordHashes.cost(stored) < PasswordHashes.WEAK_COST) {
                LOG.warn("The password hash of login {} has cost {}; use {} or more (hash-password makes {})",
                        u.name(), PasswordHashes.cost(stored), PasswordHashes.WEAK_COST, PasswordHashes.DEFAULT_COST);
            }
            users.put(u.name(), new UserAccount(u.name(), stored, u.roles()));
        }
        if (!refused.isEmpty()) {
            throw new ConfigurationException("trustwatch.security.users: the password of login "
                    + String.join(", ", refused) + " must be a bcrypt hash: " + HOW_TO_HASH
                    + " (docs/operations.md, \"Users and roles\")");
        }
        if (users.isEmpty() && !demo) {
            LOG.warn("No users configured (trustwatch.security.users.*): every API call will be refused with 401");
        }
    }

    /**
     * Adds a login at runtime; used by the newcomer demo, which makes up its own passwords.
     *
     * @throws IllegalArgumentException unless the account's password is a bcrypt hash
     */
    public void add(UserAccount account) {
        if (!PasswordHashes.isHash(account.password())) {
            throw new IllegalArgumentException("login " + account.name() + ": the password must be a bcrypt hash");
        }
        users.put(account.name(), account);
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    private String decoy() {
        String d = decoy;
        if (d == null) {
            int cost = users.values().stream().mapToInt(u -> PasswordHashes.cost(u.password())).max()
                    .orElse(PasswordHashes.DEFAULT_COST);
            d = PasswordHashes.hash(java.util.UUID.randomUUID().toString(), cost);
            decoy = d;
        }
        return d;
    }

    /** Whether a login of this name exists (for the log; the answer to the caller does not say). */
    boolean knows(String name) {
        return name != null && users.containsKey(name);
    }

    /** The roles of {@code name} if {@code password} is theirs. */
    public Optional<List<String>> authenticate(String name, String password) {
        UserAccount u = name == null ? null : users.get(name);
        if (password == null) {
            return Optional.empty();
        }
        if (u == null) {
            PasswordHashes.matches(password, decoy());
            return Optional.empty();
        }
        return PasswordHashes.matches(password, u.password())
                ? Optional.of(u.roles() == null ? List.of() : List.copyOf(u.roles()))
                : Optional.empty();
    }
}
