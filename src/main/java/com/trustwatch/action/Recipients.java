package com.trustwatch.action;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Resolved email addresses of an action. */
@Serdeable
public record Recipients(List<String> to, List<String> cc, List<String> bcc) {

    public Recipients {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    public static String join(List<String> addresses) {
        return String.join(",", addresses);
    }

    public static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(","));
    }
}
