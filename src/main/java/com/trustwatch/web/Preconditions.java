package com.trustwatch.web;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code If-Match} and {@code If-None-Match} preconditions of a write, evaluated as RFC 9110
 * §13.1.1, §13.1.2 and §13.2.2 say: {@code If-Match: *} holds when the resource exists, a list of
 * entity tags when the resource's current tag is one of them (strong comparison: a weak tag never
 * matches); {@code If-None-Match: *} holds when the resource does not exist, a list when its current
 * tag is none of them (weak comparison). A header that is neither {@code *} nor a list of entity tags
 * is refused, never ignored: an update the client meant to be conditional is not made unconditionally.
 */
public final class Preconditions {

    /** No precondition: the write is unconditional. */
    public static final Preconditions NONE = new Preconditions(null, null);

    /** One entity tag: optional {@code W/}, then a quoted string of visible characters other than the quote. */
    private static final Pattern TAG = Pattern.compile("(W/)?(\"[\\x21\\x23-\\x7E]*\")");

    /** Parsed header: null when absent, an empty list for {@code *}, else the tags ({@code W/} kept). */
    private final List<String> ifMatch;
    private final List<String> ifNoneMatch;

    private Preconditions(@Nullable List<String> ifMatch, @Nullable List<String> ifNoneMatch) {
        this.ifMatch = ifMatch;
        this.ifNoneMatch = ifNoneMatch;
    }

    /**
     * @param ifMatch     the {@code If-Match} header as sent, or null
     * @param ifNoneMatch the {@code If-None-Match} header as sent, or null
     * @throws RequestRefused naming the header when it is neither {@code *} nor a list of entity tags
     */
    public static Preconditions of(@Nullable String ifMatch, @Nullable String ifNoneMatch) {
        return new Preconditions(parse("If-Match", ifMatch), parse("If-None-Match", ifNoneMatch));
    }

    /** Whether the write names any precondition (the resource is then read with a lock first). */
    public boolean any() {
        return ifMatch != null || ifNoneMatch != null;
    }

    /**
     * @param current the resource's current entity tag (strong, quoted), or null when it does not exist
     * @param what    the resource, as people read it ("matter M-2024-0847")
     * @throws PreconditionFailed (412) when a precondition does not hold; nothing is written
     */
    public void check(@Nullable String current, String what) {
        if (ifMatch != null) {
            if (current == null) {
                throw new PreconditionFailed("If-Match: " + what + " does not exist, so nothing was created");
            }
            if (!ifMatch.isEmpty() && !ifMatch.contains(current)) {
                throw new PreconditionFailed("If-Match: " + what + " has changed since the version named (its entity tag"
                        + " is now " + current + "); read it again, and send the update with its current ETag");
            }
        }
        if (ifNoneMatch != null && current != null) {
            if (ifNoneMatch.isEmpty()) {
                throw new PreconditionFailed("If-None-Match: * asks to create " + what + " only if it does not exist; it does");
            }
            if (ifNoneMatch.stream().map(t -> t.startsWith("W/") ? t.substring(2) : t).anyMatch(current::equals)) {
                throw new PreconditionFailed("If-None-Match: " + what + " is at a version named (" + current + ")");
            }
        }
    }

    private static List<String> parse(String header, @Nullable String value) {
        if (value == null) {
            return null;
        }
        if (value.strip().equals("*")) {
            return List.of();
        }
        // a list (RFC 9110 §5.6.1): elements separated by commas, empty elements and spaces around them ignored
        List<String> tags = new ArrayList<>();
        int at = 0;
        int n = value.length();
        while (true) {
            while (at < n && (value.charAt(at) == ',' || value.charAt(at) == ' ' || value.charAt(at) == '\t')) {
                at++;
            }
            if (at >= n) {
                break;
            }
            Matcher m = TAG.matcher(value).region(at, n);
            if (!m.lookingAt()) {
                throw refused(header, value);
            }
            // If-Match compares strongly: a weak tag is kept with its W/ so that it never equals a current tag
            tags.add(m.group(1) == null ? m.group(2) : "W/" + m.group(2));
            at = m.end();
            while (at < n && (value.charAt(at) == ' ' || value.charAt(at) == '\t')) {
                at++;
            }
            if (at < n && value.charAt(at) != ',') {
                throw refused(header, value);
            }
        }
        if (tags.isEmpty()) {
            throw refused(header, value);
        }
        return List.copyOf(tags);
    }

    private static RequestRefused refused(String header, String value) {
        return new RequestRefused(new FieldError(null, header, "must be * or a list of entity tags as GET answers"
                + " them in ETag (\"0f3a…\"); got " + Echo.of(value)));
    }

    /** A precondition of the request did not hold (412); nothing was written. */
    public static final class PreconditionFailed extends RuntimeException {
        public PreconditionFailed(String message) {
            super(message);
        }
    }
}
