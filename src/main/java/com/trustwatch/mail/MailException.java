package com.trustwatch.mail;

/**
 * A message the mailer could not hand over. {@link #permanent()} says that sending it again cannot
 * help (the server refused the address or the message with a 5xx reply, or the address cannot even
 * be written): the dispatcher then makes it a dead letter at once, with this reason, instead of
 * retrying it until the attempts run out.
 */
public final class MailException extends RuntimeException {

    private final boolean permanent;

    public MailException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public MailException(String message, Throwable cause, boolean permanent) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
