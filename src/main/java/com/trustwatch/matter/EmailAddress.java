package com.trustwatch.matter;

import com.trustwatch.web.Echo;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.regex.Pattern;

/**
 * One email address in one field: an RFC 5321 mailbox ({@code local-part@domain}) and nothing else:
 * no display name ({@code "Boss" <evil@y.example>}), no second address ({@code a@x.example,root}),
 * no comment, no quoted local part, no address literal ({@code a@[10.0.0.1]}), and only ASCII:
 * internationalised addresses ({@code jürgen@müller.example}) need SMTPUTF8 all the way to the
 * recipient, which the firm's mail server may not offer, so they are refused where they enter
 * rather than failing at delivery. Checked with Jakarta Mail's strict RFC 822 parser, then against
 * RFC 5321's mailbox grammar and length limits.
 */
public final class EmailAddress {

    /** RFC 5321 dot-atom local part: atext characters, dots only between them. */
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    /** A DNS label: letters, digits, inner hyphens. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private EmailAddress() {
    }

    /** The address, or {@link IllegalArgumentException} saying why it is not one mailbox. */
    public static String parse(String text) {
        String t = text;
        String shown = Echo.of(t);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c > 0x7E || c < 0x21) {
                throw new IllegalArgumentException(shown + (c > 0x7E
                        ? " contains a non-ASCII character at character " + (i + 1) + "; internationalised addresses"
                        + " are not accepted (the mail server may not deliver them): use the person's ASCII address"
                        : " contains a space or control character at character " + (i + 1) + "; write the address alone"));
            }
            if (c == ',' || c == ';') {
                throw new IllegalArgumentException(shown + " holds more than one address ('" + c + "' at character "
                        + (i + 1) + "); a field holds exactly one address");
            }
            if (c == '<' || c == '>' || c == '"' || c == '(' || c == ')') {
                throw new IllegalArgumentException(shown + " has a display name, angle brackets, quotes or a comment"
                        + " ('" + c + "' at character " + (i + 1) + "); write the address alone, as name@domain.example");
            }
        }
        int at = t.lastIndexOf('@');
        if (at < 0 || t.indexOf('@') != at) {
            throw new IllegalArgumentException(shown + " is not an email address (expected one '@', as name@domain.example)");
        }
        String local = t.substring(0, at);
        String domain = t.substring(at + 1);
        if (local.isEmpty() || local.length() > 64 || !LOCAL.matcher(local).matches()) {
            throw new IllegalArgumentException(shown + " is not an email address: the part before '@' must be 1 to 64"
                    + " letters, digits or . _ % + - ' (no dot at either end, no two dots together)");
        }
        if (domain.length() > 253 || !domain.contains(".") || domain.endsWith(".")) {
            throw new IllegalArgumentException(shown + " is not an email address: the part after '@' must be a domain"
                    + " name such as firm.example");
        }
        for (String label : domain.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(shown + " is not an email address: the domain must be names of"
                        + " letters, digits and inner hyphens joined by dots, such as firm.example");
            }
        }
        if (t.length() > 254) {
            throw new IllegalArgumentException(shown + " is longer than the 254 characters an address may have");
        }
        try {
            InternetAddress parsed = new InternetAddress(t, true);
            parsed.validate();
            if (parsed.getPersonal() != null || !t.equals(parsed.getAddress())) {
                throw new IllegalArgumentException(shown + " is not a single plain address");
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException(shown + " is not an email address");
        }
        return t;
    }
}
