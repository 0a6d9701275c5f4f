package com.trustwatch.rules;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One rule of the catalogue, as ethics counsel and billing managers read it: a DRL rule or a
 * decision-table row, with its stable id, plain-English name, citation and where it lives.
 *
 * @param source    the file the rule lives in ({@code rules/compliance/us-ca.drl}, a workbook)
 * @param sourceUrl where the cited rule text can be read (compliance rules), else null
 * @param policy    for a firm-policy item: the policy it applies (it cites no rule), else null
 * @param table     for a rule that reads each jurisdiction's obligation rows: which obligation
 *                  ({@code reconciliation}, ...); its severity and citation are the row's
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
        String sourceUrl,
        String policy,
        String table,
        String sheet,
        Integer row,
        String note) {
}
