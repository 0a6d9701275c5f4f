package com.trustwatch.rules;

import com.trustwatch.matter.Tier;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The typed values a decision-table data cell may hold. Each kind parses what a billing manager
 * typed (or what Excel/LibreOffice stored) into the one text form the rule template expects, or
 * says in plain words what it expected.
 */
enum CellKind {
    /** A rule id such as {@code TT-1}: letters, a dash, digits. */
    ID("a rule id such as TT-1") {
        private final Pattern id = Pattern.compile("[A-Z]{2,4}-[0-9]{1,3}");

        @Override
        String parseText(String text) {
            String v = text.trim().toUpperCase(Locale.ROOT);
            if (!id.matcher(v).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a rule id (letters, a dash, a number: TT-1)");
            }
            return v;
        }
    },
    /**
     * Free text; double quotes become single quotes and line breaks (Alt+Enter in a cell) become
     * spaces, so the text can sit inside a rule name.
     */
    TEXT("text") {
        @Override
        String parseText(String text) {
            return plainText(oneLine(text));
        }
    },
    /** Dollars and cents, below zero too (a Tests-sheet balance: an overdrawn client ledger). */
    SIGNED_MONEY("an amount in dollars, such as 2500.00 or -150.00") {
        @Override
        String parseNumber(double value, boolean percentFormat) {
            return BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        }

        @Override
        String parseText(String text) {
            String v = text.replace("$", "").replace(",", "").trim();
            try {
                return new BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not an amount in dollars");
            }
        }
    },
    /** Dollars and cents. */
    MONEY("an amount in dollars, such as 2500 or 2500.00") {
        @Override
        String parseNumber(double value, boolean percentFormat) {
            return decimal(BigDecimal.valueOf(value)).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        }

        @Override
        String parseText(String text) {
            String v = text.replace("$", "").replace(",", "").trim();
            try {
                return decimal(new BigDecimal(v)).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not an amount in dollars");
            }
        }
    },
    /** A whole number of days (or hours). */
    WHOLE_NUMBER("a whole number") {
        @Override
        String parseNumber(double value, boolean percentFormat) {
            return whole(BigDecimal.valueOf(value));
        }

        @Override
        String parseText(String text) {
            // BigDecimal, not Double.parseDouble: that one also takes "30d", "Infinity" and "0x1e".
            return whole(number(text, "'" + text + "' is not a whole number"));
        }

        private String whole(BigDecimal v) {
            if (v.signum() < 0 || v.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException(v.stripTrailingZeros().toPlainString()
                        + " is not a whole number of 0 or more");
            }
            try {
                return Long.toString(v.longValueExact());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(v.toPlainString() + " is too large");
            }
        }
    },
    /**
     * A share such as 90%. Accepts a percent-formatted number (Excel stores 0.9), the text "90%",
     * or a plain fraction up to 2 (0.9). A plain 90 is ambiguous (90% or 9000%?) and refused.
     */
    PERCENT("a percentage such as 90%") {
        @Override
        String parseNumber(double value, boolean percentFormat) {
            if (!percentFormat && value > 2) {
                throw new IllegalArgumentException(ambiguous(BigDecimal.valueOf(value)));
            }
            return share(BigDecimal.valueOf(value));
        }

        @Override
        String parseText(String text) {
            String v = text.trim();
            String notAPercentage = "'" + text + "' is not a percentage such as 90%";
            if (v.endsWith("%")) {
                return share(number(v.substring(0, v.length() - 1), notAPercentage).movePointLeft(2));
            }
            BigDecimal plain = number(v, notAPercentage);
            if (plain.compareTo(BigDecimal.valueOf(2)) > 0) {
                throw new IllegalArgumentException(ambiguous(plain));
            }
            return share(plain);
        }
    },
    /** Yes or No. */
    YES_NO("Yes or No") {
        @Override
        String parseText(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "yes", "y", "true" -> "true";
                case "no", "n", "false" -> "false";
                default -> throw new IllegalArgumentException("'" + text + "' is not Yes or No");
            };
        }

        @Override
        String parseBoolean(boolean value) {
            return Boolean.toString(value);
        }
    },
    /** A client tier: TIER_1, TIER_2 or TIER_3 ("Tier 1" is accepted too). */
    TIER("one of " + names(Tier.values())) {
        @Override
        String parseText(String text) {
            String v = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
            try {
                return Tier.valueOf(v).name();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not a client tier (" + names(Tier.values()) + ")");
            }
        }
    },
    /** A severity band name. */
    BAND("one of WATCH, WARNING, BREACH, CRITICAL") {
        private final Set<String> bands = Set.of("WATCH", "WARNING", "BREACH", "CRITICAL");

        @Override
        String parseText(String text) {
            String v = text.trim().toUpperCase(Locale.ROOT);
            if (!bands.contains(v)) {
                throw new IllegalArgumentException("'" + text + "' is not a severity band (WATCH, WARNING, BREACH, CRITICAL)");
            }
            return v;
        }
    },
    /** A practice area label, compared upper-case. */
    PRACTICE_AREA("a practice area such as Litigation") {
        @Override
        String parseText(String text) {
            return plainText(oneLine(text)).toUpperCase(Locale.ROOT);
        }
    },
    /** What a step of the escalation ladder sends: a client follow-up, an internal escalation or a pause-work notice. */
    ESCALATION_KIND("one of: client follow-up, internal escalation, pause-work notice") {
        @Override
        String parseText(String text) {
            String v = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            try {
                return com.trustwatch.decision.EscalationKind.valueOf(v).name();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not " + expected());
            }
        }
    },
    /** People to notify, comma separated: billing contact, attorney, billing manager, ... */
    ROLES("people such as: billing contact, attorney, billing manager, practice group leader, managing partner, bookkeeper") {
        @Override
        String parseText(String text) {
            StringBuilder out = new StringBuilder();
            for (String part : text.split("[,;]")) {
                String role = part.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
                if (role.isEmpty()) {
                    continue;
                }
                try {
                    com.trustwatch.decision.Role.valueOf(role);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + part.trim() + "' is not one of: "
                            + names(com.trustwatch.decision.Role.values()).toLowerCase(Locale.ROOT).replace('_', ' '));
                }
                out.append(out.isEmpty() ? "" : ", ").append("Role.").append(role);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' names nobody; enter " + expected());
            }
            return out.toString();
        }
    };

    private final String expected;

    CellKind(String expected) {
        this.expected = expected;
    }

    String expected() {
        return expected;
    }

    String parseText(String text) {
        throw new IllegalArgumentException("'" + text + "' is not " + expected);
    }

    /** A parsed value as a billing manager would write it: 0.9 as 90%, true as Yes; "none" as none. */
    String display(String value) {
        if (value == null) {
            return "";
        }
        if (TableTemplate.NONE.equals(value)) {
            return value;
        }
        return switch (this) {
            case PERCENT -> com.trustwatch.decision.Percent.label(new BigDecimal(value));
            case YES_NO -> Boolean.parseBoolean(value) ? "Yes" : "No";
            default -> value;
        };
    }

    String parseNumber(double value, boolean percentFormat) {
        return parseText(format(value));
    }

    String parseBoolean(boolean value) {
        throw new IllegalArgumentException(value + " is not " + expected);
    }

    /**
     * What a cell's text means once invisible differences are gone: a no-break space (pasted from a
     * web page or an email) counts as a space, zero-width characters as nothing, and leading and
     * trailing spaces are dropped. {@link String#trim()} alone keeps a no-break space, so "2500" pasted
     * from a mail read as "'2500 ' is not an amount".
     */
    static String clean(String text) {
        return text.replace('\u00A0', ' ').replace('\u2007', ' ').replace('\u202F', ' ')
                .replace("\u200B", "").replace("\uFEFF", "").strip();
    }

    /** Line breaks and runs of spaces inside a cell become one space. */
    static String oneLine(String text) {
        return clean(text).replaceAll("\\s+", " ");
    }

    /**
     * Text reaches the compiled rules inside a quoted string (a rule's name, a practice area), so
     * anything that could end that string or be read as template code is refused, not rewritten:
     * a double quote or a backslash would end or escape the string, and @{ or ${ would be read by
     * the rule template as an expression.
     */
    static String plainText(String text) {
        if (text.indexOf('"') >= 0 || text.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("'" + text + "' holds a double quote or a backslash, which the compiled rule"
                    + " would read as code; use a single quote (') instead");
        }
        for (String marker : TEMPLATE_MARKERS) {
            if (text.contains(marker)) {
                throw new IllegalArgumentException("'" + text + "' holds '" + marker + "', which the rule template would read"
                        + " as code; write it another way");
            }
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException("'" + text + "' holds a control character; retype the text");
            }
        }
        return text;
    }

    private static final java.util.List<String> TEMPLATE_MARKERS = java.util.List.of("@{", "${", "#{", "@if{",
            "@else{", "@end{", "@foreach{", "@code{", "@include{", "@comment{");

    private static BigDecimal number(String text, String problem) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static String ambiguous(BigDecimal value) {
        String v = value.stripTrailingZeros().toPlainString();
        return v + " is ambiguous: type " + v + "% for a percentage, or a fraction such as 0.9";
    }

    private static BigDecimal decimal(BigDecimal v) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException(v.stripTrailingZeros().toPlainString() + " is negative; enter 0 or more");
        }
        return v;
    }

    private static String share(BigDecimal v) {
        return decimal(v).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}
