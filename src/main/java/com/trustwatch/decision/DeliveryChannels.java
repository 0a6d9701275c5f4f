package com.trustwatch.decision;

/**
 * The ways Trustwatch reaches a client that are switched on, as a fact the rules see. A rule about
 * a channel that is not in use (text messages while no SMS connector is configured) stays silent:
 * a flag about consent to texts that are never sent is noise.
 *
 * @param sms whether text messages can be sent ({@code trustwatch.sms.enabled})
 */
public record DeliveryChannels(boolean sms) {

    /** Email only: the shipped default. */
    public static final DeliveryChannels EMAIL_ONLY = new DeliveryChannels(false);
}
