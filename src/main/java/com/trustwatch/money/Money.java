package com.trustwatch.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of US dollars at cent scale, and the one place amounts are parsed and formatted.
 * Built from text or {@link BigDecimal}, never from {@code double}: a trust ledger that drifts by a
 * cent is a ledger that does not reconcile. Entities and rule facts hold {@code BigDecimal}; every
 * amount that enters from a person or leaves for a person goes through here:
 * <ul>
 *   <li>{@link #parse(String)}: the text a person typed ({@code "1,240.00"}, {@code "$1240"}, {@code "-150.5"});</li>
 *   <li>{@link #json(BigDecimal)}: the HTTP contract's decimal string ({@code "1240.00"});</li>
 *   <li>{@link #letter(BigDecimal)}: what a client reads ({@code "$1,240.00"}, {@code "-$150.00"}).</li>
 * </ul>
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final int SCALE = 2;
    /** Half-up, the rounding clients and bookkeepers expect on an invoice. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    public static final Money ZERO = new Money(BigDecimal.ZERO);
    /** Amounts must stay below this (DECIMAL(15,2) holds 13 integer digits; a trillion dollars is plenty). */
    public static final BigDecimal LIMIT = new BigDecimal("1000000000000");

    /**
     * Plain decimal notation only: ASCII digits, an optional minus, an optional dollar sign, thousands
     * separators only in groups of three (or none at all), and at most two decimals after a point.
     * {@code "12,50"} (a decimal comma), {@code "1E+2"}, {@code "１２"} and Arabic-Indic digits are refused.
     */
    private static final Pattern PLAIN = Pattern.compile("-?\\$?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]{1,2})?");

    public Money {
        Objects.requireNonNull(amount, "amount");
        amount = amount.setScale(SCALE, ROUNDING);
    }

    public static Money of(String amount) {
        return parse(amount);
    }

    public static Money of(BigDecimal amount) {
        return new Money(amount);
    }

    /**
     * Parses an amount as a person writes it, or throws {@link IllegalArgumentException} saying what
     * was expected. Accepts {@code 1240}, {@code 1240.5}, {@code 1,240.00}, {@code $1,240.00}, {@code -150.00}.
     */
    public static Money parse(String text) {
        String t = text == null ? "" : text.trim();
        if (!PLAIN.matcher(t).matches()) {
            String why = t.matches("-?\\$?[0-9,]*\\.[0-9]{3,}") ? "has more than two decimals"
                    : t.matches("-?\\$?[0-9]+,[0-9]{1,2}") ? "uses a comma as the decimal point; write it as "
                    + t.replace(',', '.') + " or with a thousands separator in the right place"
                    : "is not an amount; write a plain decimal such as 1240.00 or 1,240.00";
            throw new IllegalArgumentException("'" + shorten(t) + "' " + why);
        }
        BigDecimal v = new BigDecimal(t.replace("$", "").replace(",", ""));
        if (v.abs().compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("'" + shorten(t) + "' is too large (at most 999,999,999,999.99)");
        }
        return new Money(v);
    }

    /** Like {@link #parse} but refuses a negative amount (every amount but a trust balance). */
    public static Money parseNonNegative(String text) {
        Money m = parse(text);
        if (m.isNegative()) {
            throw new IllegalArgumentException("'" + shorten(text.trim()) + "' is negative; expected an amount of 0 or more");
        }
        return m;
    }

    /** The HTTP contract's decimal string, {@code "1240.00"}; null stays null. */
    public static String json(BigDecimal amount) {
        return amount == null ? null : amount.setScale(SCALE, ROUNDING).toPlainString();
    }

    /** Dollars as a client reads them, {@code "$1,240.00"} and {@code "-$150.00"}; null reads "-". */
    public static String letter(BigDecimal amount) {
        if (amount == null) {
            return "-";
        }
        BigDecimal v = amount.setScale(SCALE, ROUNDING);
        // what "#,##0.00" in Locale.US prints, without building a DecimalFormat for every amount (rules write
        // amounts into reasons by the hundred thousand; MoneyTest compares the two over many values). Any
        // amount of the ledger's DECIMAL(15,2) fits a long of cents, written from its digits into one array
        if (v.precision() <= 18) {
            return letter(v.unscaledValue().longValue());
        }
        String digits = v.abs().toPlainString();
        int integerDigits = digits.length() - 3;
        StringBuilder out = new StringBuilder(digits.length() + integerDigits / 3 + 2);
        out.append(v.signum() < 0 ? "-$" : "$");
        int firstGroup = integerDigits % 3 == 0 ? 3 : integerDigits % 3;
        out.append(digits, 0, firstGroup);
        for (int i = firstGroup; i < integerDigits; i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.append(digits, integerDigits, digits.length()).toString();
    }

    /** {@link #letter(BigDecimal)} of {@code cents} cents, |cents| below 10^18: filled from the right. */
    private static String letter(long cents) {
        boolean negative = cents < 0;
        long rest = Math.abs(cents);
        char[] out = new char[28];
        int at = out.length;
        out[--at] = (char) ('0' + rest % 10);
        rest /= 10;
        out[--at] = (char) ('0' + rest % 10);
        rest /= 10;
        out[--at] = '.';
        int written = 0;
        do {
            if (written > 0 && written % 3 == 0) {
                out[--at] = ',';
            }
            out[--at] = (char) ('0' + rest % 10);
            rest /= 10;
            written++;
        } while (rest > 0);
        out[--at] = '$';
        if (negative) {
            out[--at] = '-';
        }
        return new String(out, at, out.length - at);
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(factor));
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** {@link #letter(BigDecimal)} of this amount. */
    public String letter() {
        return letter(amount);
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    /** The decimal string the HTTP contract uses: {@code "1240.00"}. */
    @Override
    public String toString() {
        return amount.toPlainString();
    }

    private static String shorten(String t) {
        return t.length() <= 40 ? t : t.substring(0, 37) + "...";
    }
}
