package com.trustwatch.matter;

import com.trustwatch.money.Money;
import com.trustwatch.web.Dates;
import com.trustwatch.web.Echo;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.TextRules;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every field a matter carries, with its roster-CSV column, its JSON name, and one parser. The
 * roster import, the single-matter API and the JSON output all go through this table, so a value
 * is accepted or refused, and named, the same way everywhere.
 */
public final class MatterFields {

    /** One field: how it is named in CSV and JSON, how it is parsed into the builder, how it is read back. */
    public record Field(String csv, String json, boolean required, Parser parser,
                        BiConsumer<Matter.Builder, Object> setter, Function<Matter, Object> getter) {
    }

    /** Turns the text a person typed into a value, or throws with a message that says what was expected. */
    @FunctionalInterface
    public interface Parser {
        Object parse(String text);
    }

    private static final Pattern MATTER_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");

    public static final List<Field> ALL = List.of(
            field("matter_number", "matterNumber", true, MatterFields::matterNumber, (b, v) -> b.matterNumber((String) v), Matter::matterNumber),
            field("matter_name", "matterName", true, t -> text(t, 255), (b, v) -> b.matterName((String) v), Matter::matterName),
            field("client_id", "clientId", true, t -> text(t, 64), (b, v) -> b.clientId((String) v), Matter::clientId),
            field("client_name", "clientName", true, t -> text(t, 255), (b, v) -> b.clientName((String) v), Matter::clientName),
            field("client_tier", "clientTier", false, t -> enumValue(Tier.class, t), (b, v) -> b.clientTier((Tier) v), Matter::clientTier),
            field("billing_contact_name", "billingContactName", false, t -> text(t, 255), (b, v) -> b.billingContactName((String) v), Matter::billingContactName),
            field("billing_contact_email", "billingContactEmail", false, MatterFields::email, (b, v) -> b.billingContactEmail((String) v), Matter::billingContactEmail),
            field("billing_contact_phone", "billingContactPhone", false, t -> text(t, 64), (b, v) -> b.billingContactPhone((String) v), Matter::billingContactPhone),
            field("sms_consent", "smsConsent", false, MatterFields::yesNo, (b, v) -> b.smsConsent((Boolean) v), Matter::smsConsent),
            field("attorney_name", "attorneyName", false, t -> text(t, 255), (b, v) -> b.attorneyName((String) v), Matter::attorneyName),
            field("attorney_email", "attorneyEmail", false, MatterFields::email, (b, v) -> b.attorneyEmail((String) v), Matter::attorneyEmail),
            field("billing_manager_email", "billingManagerEmail", false, MatterFields::email, (b, v) -> b.billingManagerEmail((String) v), Matter::billingManagerEmail),
            field("bookkeeper_email", "bookkeeperEmail", false, MatterFields::email, (b, v) -> b.bookkeeperEmail((String) v), Matter::bookkeeperEmail),
            field("practice_group_leader_email", "practiceGroupLeaderEmail", false, MatterFields::email, (b, v) -> b.practiceGroupLeaderEmail((String) v), Matter::practiceGroupLeaderEmail),
            field("managing_partner_email", "managingPartnerEmail", false, MatterFields::email, (b, v) -> b.managingPartnerEmail((String) v), Matter::managingPartnerEmail),
            field("jurisdiction", "jurisdiction", false, Jurisdiction::normalise, (b, v) -> b.jurisdiction(v == null ? Jurisdiction.DEFAULT : (String) v), Matter::jurisdiction),
            field("practice_area", "practiceArea", false, t -> text(t, 128), (b, v) -> b.practiceArea((String) v), Matter::practiceArea),
            field("fee_type", "feeType", true, t -> enumValue(FeeType.class, t), (b, v) -> b.feeType((FeeType) v), Matter::feeType),
            field("retainer_type", "retainerType", true, t -> enumValue(RetainerType.class, t), (b, v) -> b.retainerType((RetainerType) v), Matter::retainerType),
            field("status", "status", true, t -> enumValue(MatterStatus.class, t), (b, v) -> b.status((MatterStatus) v), Matter::status),
            field("closed_on", "closedOn", false, MatterFields::date, (b, v) -> b.closedOn((LocalDate) v), Matter::closedOn),
            field("trust_balance", "trustBalance", true, MatterFields::signedMoney, (b, v) -> b.trustBalance((BigDecimal) v), Matter::trustBalance),
            field("original_retainer", "originalRetainer", false, MatterFields::money, (b, v) -> b.originalRetainer((BigDecimal) v), Matter::originalRetainer),
            field("floor", "floor", false, MatterFields::money, (b, v) -> b.floor((BigDecimal) v), Matter::floor),
            field("refill_target", "refillTarget", false, MatterFields::money, (b, v) -> b.refillTarget((BigDecimal) v), Matter::refillTarget),
            field("monthly_billing", "monthlyBilling", false, MatterFields::money, (b, v) -> b.monthlyBilling((BigDecimal) v), Matter::monthlyBilling),
            field("last_replenished_on", "lastReplenishedOn", false, MatterFields::date, (b, v) -> b.lastReplenishedOn((LocalDate) v), Matter::lastReplenishedOn),
            field("last_reconciled_on", "lastReconciledOn", false, MatterFields::date, (b, v) -> b.lastReconciledOn((LocalDate) v), Matter::lastReconciledOn),
            field("payment_plan", "paymentPlan", false, MatterFields::yesNo, (b, v) -> b.paymentPlan((Boolean) v), Matter::paymentPlan),
            field("disputed", "disputed", false, MatterFields::yesNo, (b, v) -> b.disputed((Boolean) v), Matter::disputed),
            field("disputed_amount", "disputedAmount", false, MatterFields::money, (b, v) -> b.disputedAmount((BigDecimal) v), Matter::disputedAmount),
            field("flat_fee_account", "flatFeeAccount", false, MatterFields::account, (b, v) -> b.flatFeeAccount((String) v), Matter::flatFeeAccount),
            field("flat_fee_disclosure_signed", "flatFeeDisclosureSigned", false, MatterFields::yesNo, (b, v) -> b.flatFeeDisclosureSigned((Boolean) v), Matter::flatFeeDisclosureSigned),
            field("flat_fee_amount", "flatFeeAmount", false, MatterFields::money, (b, v) -> b.flatFeeAmount((BigDecimal) v), Matter::flatFeeAmount),
            field("nonrefundable_fee_term", "nonrefundableFeeTerm", false, MatterFields::yesNo, (b, v) -> b.nonrefundableFeeTerm((Boolean) v), Matter::nonrefundableFeeTerm),
            field("last_deposit_on", "lastDepositOn", false, MatterFields::date, (b, v) -> b.lastDepositOn((LocalDate) v), Matter::lastDepositOn),
            field("receipt_notified_on", "receiptNotifiedOn", false, MatterFields::date, (b, v) -> b.receiptNotifiedOn((LocalDate) v), Matter::receiptNotifiedOn),
            field("last_accounting_on", "lastAccountingOn", false, MatterFields::date, (b, v) -> b.lastAccountingOn((LocalDate) v), Matter::lastAccountingOn));

    private MatterFields() {
    }

    public static Optional<Field> byCsv(String column) {
        String c = column.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(f -> f.csv().equals(c)).findFirst();
    }

    public static Optional<Field> byJson(String name) {
        return ALL.stream().filter(f -> f.json().equals(name)).findFirst();
    }

    /**
     * Builds a matter from named raw values (absent or blank = unknown). Every problem is collected,
     * each naming its field by {@code naming} (CSV column or JSON name) and {@code line} if given.
     * Every date on a matter records something that has happened (closed, replenished, reconciled, a
     * deposit, a receipt notice, an accounting), so one after {@code today} is refused: it would read
     * as done what is not. A date equal to the one {@code stored} is kept as it is (a sync that merges
     * the stored matter does not answer for a date it did not send). A null {@code today} holds no
     * date to it (comparing, not saving).
     *
     * @param today  the firm's today ({@link FirmToday}), or null
     * @param stored the matter as stored, when this save updates it; or null
     */
    public static Matter parse(Map<Field, String> raw, Integer line, Function<Field, String> naming,
                               List<FieldError> errors, @Nullable LocalDate today, @Nullable Matter stored) {
        Matter.Builder builder = Matter.builder();
        int before = errors.size();
        for (Field f : ALL) {
            String text = raw.get(f);
            if (text == null || text.isBlank()) {
                if (f.required()) {
                    errors.add(new FieldError(line, naming.apply(f), "is required"));
                } else {
                    f.setter().accept(builder, null);
                }
                continue;
            }
            try {
                f.setter().accept(builder, f.parser().parse(spacesTrimmed(text)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(line, naming.apply(f), e.getMessage()));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        Matter m = builder.build();
        if (today != null) {
            for (Field f : ALL) {
                if (f.getter().apply(m) instanceof LocalDate d && d.isAfter(today)
                        && (stored == null || !d.equals(f.getter().apply(stored)))) {
                    errors.add(new FieldError(line, naming.apply(f), d + " is after today (" + today
                            + " in the firm's time zone); a matter's dates record what has happened"));
                }
            }
            if (errors.size() > before) {
                return null;
            }
        }
        if (m.status() == MatterStatus.OPEN && m.closedOn() != null) {
            errors.add(new FieldError(line, naming.apply(byCsv("closed_on").orElseThrow()),
                    "is set but the status is OPEN"));
            return null;
        }
        return m;
    }

    /**
     * The matter's entity tag ({@code ETag}, RFC 9110 §8.8.3): a strong tag over every field as
     * {@link #toJson} writes it, {@code "} + the first 32 hex digits of their SHA-256 + {@code "}. Any
     * change to a stored field changes it; a write with {@code If-Match} compares it.
     */
    public static String entityTag(Matter m) {
        StringBuilder canonical = new StringBuilder();
        // a null field has its own marker, so that it never reads as the text "null"
        toJson(m).forEach((k, v) -> canonical.append(k).append('\u0000').append(v == null ? "\u0002" : v).append('\u0001'));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "\"" + java.util.HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The matter as the HTTP contract shows it: JSON names, money as decimal strings, ISO dates. */
    public static Map<String, Object> toJson(Matter m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : ALL) {
            Object v = f.getter().apply(m);
            out.put(f.json(), v == null ? null
                    : v instanceof BigDecimal d ? Money.json(d)
                    : v instanceof Enum<?> || v instanceof LocalDate ? v.toString() : v);
        }
        return out;
    }

    /**
     * The value without the spaces around it. Only spaces: a line break or a control character at
     * either end is refused by the field's parser like anywhere else, never silently dropped.
     */
    static String spacesTrimmed(String t) {
        int from = 0;
        int to = t.length();
        while (from < to && t.charAt(from) == ' ') {
            from++;
        }
        while (to > from && t.charAt(to - 1) == ' ') {
            to--;
        }
        return t.substring(from, to);
    }

    private static Field field(String csv, String json, boolean required, Parser parser,
                               BiConsumer<Matter.Builder, Object> setter, Function<Matter, Object> getter) {
        return new Field(csv, json, required, parser, setter, getter);
    }

    /** A matter number: letters, digits, and . _ / - inside; at most 64 characters. */
    public static String matterNumber(String t) {
        if (!MATTER_NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException(Echo.of(t) + " is not a matter number (letters, digits, '-', '.', '/'; at most 64)");
        }
        return t;
    }

    /** One line of printable text, at most {@code max} characters (the column's width). */
    static String text(String t, int max) {
        return TextRules.oneLine(t, max);
    }

    /** Exactly one plain address ({@link EmailAddress}). */
    static String email(String t) {
        return EmailAddress.parse(t);
    }

    static String account(String t) {
        String v = t.toUpperCase(Locale.ROOT);
        if (!v.equals("TRUST") && !v.equals("OPERATING")) {
            throw new IllegalArgumentException(Echo.of(t) + " is not TRUST or OPERATING");
        }
        return v;
    }

    /** A non-negative amount in dollars with at most two decimals ({@link Money#parseNonNegative}). */
    public static BigDecimal money(String t) {
        return Money.parseNonNegative(t).amount();
    }

    /** An amount in dollars with at most two decimals; may be negative (a trust balance can be). */
    public static BigDecimal signedMoney(String t) {
        return Money.parse(t).amount();
    }

    /** A date in the accepted range ({@link Dates#parse}). */
    public static LocalDate date(String t) {
        return Dates.parse(t);
    }

    static Boolean yesNo(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> Boolean.TRUE;
            case "false", "no", "n", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(Echo.of(t) + " is not yes/no (true, false, yes, no)");
        };
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String t) {
        try {
            return Enum.valueOf(type, t.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name());
            }
            throw new IllegalArgumentException(Echo.of(t) + " is not one of " + String.join(", ", names));
        }
    }
}
