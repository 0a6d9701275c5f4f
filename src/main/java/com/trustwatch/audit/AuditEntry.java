package com.trustwatch.audit;

import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDateTime;

/** One link of the audit chain. {@code hash} covers every other field and the previous hash. */
@Serdeable
public record AuditEntry(long seq, LocalDateTime recordedAt, AuditKind kind, String matterNumber, String evaluationId,
                         Long actionId, String ruleId, String rulesetVersion, String actor, String detail,
                         String prevHash, String hash) {

    /** The exact text the hash is computed over; changing any byte of any field changes the hash. */
    String canonical() {
        return String.join("\u001f", Long.toString(seq), recordedAt.toString(), kind.name(), nz(matterNumber),
                nz(evaluationId), actionId == null ? "" : actionId.toString(), nz(ruleId), nz(rulesetVersion),
                actor, detail, prevHash);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
