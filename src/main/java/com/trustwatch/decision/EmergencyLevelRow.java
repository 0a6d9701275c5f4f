package com.trustwatch.decision;

import java.math.BigDecimal;
import java.util.List;

/**
 * A row of "Emergency queue" (severity-bands.xlsx): an open hourly or hybrid matter whose balance is
 * under {@code below} dollars goes to the emergency queue, and {@code people} are told (seed 002).
 */
public record EmergencyLevelRow(BigDecimal below, List<Role> people, String ruleName) implements PolicyRow {

    public EmergencyLevelRow {
        people = List.copyOf(people);
    }
}
