package com.trustwatch.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.trustwatch.matter.MatterFields;
import com.trustwatch.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The generic payment webhook for processors without an SDK here (LawPay, CPACharge, Zapier glue):
 * a JSON body signed with {@code Trustwatch-Signature} (HMAC-SHA256 over "t.body" with the shared
 * secret; docs/operations.md gives the body and a signing snippet):
 * <pre>
 * {"id": "evt-7f3a", "provider": "lawpay", "type": "payment.succeeded", "payment_id": "txn-88121",
 *  "matter_number": "2026-0042", "amount": "2500.00", "currency": "USD", "method": "card",
 *  "paid_on": "2026-11-23"}
 * </pre>
 * {@code id}, {@code type}, {@code matter_number}, {@code amount} (a decimal string in dollars) and
 * {@code currency} are required; {@code provider} defaults to {@code generic}, {@code payment_id} to the
 * event id, {@code paid_on} to today. Only {@code payment.succeeded} records; any other type is
 * acknowledged and ignored. An unknown field or a value that cannot be read is refused, never guessed.
 */
final class GenericPayments {

    static final String SUCCEEDED = "payment.succeeded";
    private static final Set<String> FIELDS = Set.of("id", "provider", "type", "payment_id", "matter_number", "amount",
            "currency", "method", "paid_on", "description");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private GenericPayments() {
    }

    /** The body was not a payment event at all. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** @throws Unreadable when the body is not a JSON object or has no usable id */
    static PaymentNotice read(String rawBody) throws Unreadable {
        JsonNode n;
        try {
            n = JSON.readTree(rawBody);
        } catch (Exception e) {
            throw new Unreadable("the body is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new Unreadable("the body is not a JSON object");
        }
        String id = text(n, "id");
        if (id == null || id.isBlank() || id.length() > 255) {
            throw new Unreadable("id: a payment event needs its processor's event id (at most 255 characters)");
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                problems.add(f + ": unknown field");
            } else if (!n.get(f).isNull() && !n.get(f).isTextual()) {
                problems.add(f + ": must be a string");
            }
        }
        String provider = text(n, "provider") == null ? "generic" : text(n, "provider").toLowerCase(Locale.ROOT);
        if (!NAME.matcher(provider).matches() || provider.equals("stripe")) {
            problems.add("provider: '" + provider + "' is not a processor name (lower-case letters, digits, - and _)");
            provider = "generic";
        }
        String type = text(n, "type");
        if (type == null) {
            problems.add("type: is required");
        }
        String matter = text(n, "matter_number");
        BigDecimal amount = null;
        String rawAmount = text(n, "amount");
        if (rawAmount == null) {
            problems.add("amount: is required");
        } else {
            try {
                amount = Money.parse(rawAmount).amount();
            } catch (IllegalArgumentException e) {
                problems.add("amount: " + e.getMessage());
            }
        }
        String currency = text(n, "currency");
        if (currency == null) {
            problems.add("currency: is required");
        }
        LocalDate paidOn = null;
        if (text(n, "paid_on") != null) {
            try {
                paidOn = MatterFields.date(text(n, "paid_on"));
            } catch (IllegalArgumentException e) {
                problems.add("paid_on: " + e.getMessage());
            }
        }
        String method = text(n, "method") == null ? null : text(n, "method").toLowerCase(Locale.ROOT);
        String paymentId = text(n, "payment_id") == null ? id : text(n, "payment_id");
        return new PaymentNotice(provider, id, type == null ? "" : type, paymentId, matter, amount, currency, method,
                paidOn, SUCCEEDED.equals(type), problems.isEmpty() ? null : "the body was not understood: "
                + String.join("; ", problems));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isTextual() ? null : v.asText();
    }
}
