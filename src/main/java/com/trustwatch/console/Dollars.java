package com.trustwatch.console;

import com.trustwatch.money.Money;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Amounts on console pages as people read them ({@code "$1,240.00"}, {@code "-$150.00"}), for pages that
 * show the API's views, whose amounts are the HTTP contract's decimal strings ({@code "1240.00"}). Pages
 * that show such views have one in their model as {@code dollars}.
 */
public final class Dollars {

    static final Dollars ON_PAGES = new Dollars();

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private Dollars() {
    }

    /**
     * {@code decimal} through {@link Money#letter}; no amount reads "—", and a word that stands for an
     * amount ("none", as a preview says of a matter without a threshold) is kept as it is.
     */
    public String of(String decimal) {
        if (decimal == null || decimal.isBlank()) {
            return "—";
        }
        return DECIMAL.matcher(decimal).matches() ? Money.letter(new BigDecimal(decimal)) : decimal;
    }
}
