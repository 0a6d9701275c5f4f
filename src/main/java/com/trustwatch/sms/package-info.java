/**
 * Text messages: consent to texts (TCPA) with its source and time, STOP/START/HELP from Twilio's webhook, quiet hours, and the Twilio transport of the outbox's SMS channel.
 */
package com.trustwatch.sms;
