package com.trustwatch.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one request, collected while checking all of it: the first
 * {@link #MAX_LISTED} are kept to be listed, the rest only counted, so a large bad file cannot
 * produce an answer larger than itself.
 */
public final class Problems {

    /** How many problems an error answer lists; the total is always given. */
    public static final int MAX_LISTED = 100;

    private final List<FieldError> listed = new ArrayList<>();
    private int total;

    public void add(FieldError error) {
        if (listed.size() < MAX_LISTED) {
            listed.add(error);
        }
        total++;
    }

    public void addAll(List<FieldError> errors) {
        errors.forEach(this::add);
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public int total() {
        return total;
    }

    /** @throws InvalidInput when any problem was found */
    public void refuseIfAny() {
        if (total > 0) {
            throw new InvalidInput(listed, total);
        }
    }
}
