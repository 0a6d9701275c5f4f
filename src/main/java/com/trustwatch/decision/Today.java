package com.trustwatch.decision;

import java.time.LocalDate;

/** "Today" as the rules see it: the evaluation's as-of date, never the wall clock. */
public record Today(LocalDate date) {
}
