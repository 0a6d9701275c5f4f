package com.trustwatch.payments;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One payment event as a processor reported it, in Trustwatch's terms, before anything is checked.
 *
 * @param provider    {@code stripe}, or the name a generic processor gives ({@code lawpay})
 * @param eventId     the provider's event id: a resent event is recognised by it
 * @param paymentId   the provider's id of the payment itself (Stripe's PaymentIntent): one payment is
 *                    one deposit, however many events it fires; null for an event that is no payment
 * @param amount      dollars at cent scale as sent (may be negative: refused); null when absent
 * @param currency    as sent, e.g. {@code usd}
 * @param method      the payment method for the clearing hold ({@code card}, {@code ach}, ...)
 * @param paid        whether the event reports money received (Stripe: payment_status paid)
 * @param problem     what could not be read from the event, if anything (then it is refused)
 */
public record PaymentNotice(String provider, String eventId, String eventType, String paymentId,
                            String matterNumber, BigDecimal amount, String currency, String method, LocalDate paidOn,
                            boolean paid, String problem) {

    /** The key of the deposit this payment makes: one per provider and payment. */
    public String depositKey() {
        return provider + ":" + (paymentId == null ? eventId : paymentId);
    }
}
