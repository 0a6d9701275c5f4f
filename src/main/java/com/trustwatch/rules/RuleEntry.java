package com.trustwatch.rules;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One rule of the catalogue, as ethics counsel and billing managers read it: a DRL rule or a
 * decision-table row, with its stable id, plain-English name, citation and where it lives.
 */
@Serdeable
public record RuleEntry(
        String id,
        String name,
        String kind,
        String citation,
        String severity,
        String confidence,
        String jurisdiction,
        String code,
        String source,
        String sheet,
        Integer row,
        String note) {
}
