package com.trustwatch.ledger;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * trustwatch.ledger.clearing.*: how many business days a deposit's funds take to clear, by payment
 * method. A deposit with a method clears that many business days after its date (the firm's
 * calendar); until then it is uncleared, and the rules see it apart from the cleared balance.
 * The shipped holds are product defaults, not figures from any rule: card 2, check 5, ach 3, wire 0,
 * cash 0. A firm sets its bank's holds here; a method not listed is refused, never guessed.
 *
 * @param holdBusinessDays method (lower case) to business days; null keeps the defaults
 */
@ConfigurationProperties("trustwatch.ledger.clearing")
public record ClearingSettings(@Nullable Map<String, Integer> holdBusinessDays) {

    /** The product defaults. */
    public static final Map<String, Integer> DEFAULTS = Map.of("card", 2, "check", 5, "ach", 3, "wire", 0, "cash", 0);

    /** The holds in force, by method in lower case. */
    public Map<String, Integer> holds() {
        Map<String, Integer> out = new TreeMap<>();
        (holdBusinessDays == null || holdBusinessDays.isEmpty() ? DEFAULTS : holdBusinessDays)
                .forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    /** The hold of a method, empty when the method is not configured. */
    public Optional<Integer> holdFor(String method) {
        return Optional.ofNullable(holds().get(method.toLowerCase(Locale.ROOT)));
    }
}
