package com.trustwatch.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * trustwatch.audit.*: where the audit chain is anchored outside the database (docs/operations.md,
 * "Audit checkpoints").
 *
 * @param checkpointFile   the file every signed checkpoint is appended to, one per line
 * @param keyFile          the Ed25519 key checkpoints are signed with; generated on first start when
 *                         absent. Never in the database: whoever can rewrite the database must not be
 *                         able to sign a checkpoint for the rewritten chain
 * @param checkpointEvery  a checkpoint at least every this many audit entries (besides one at the end
 *                         of every evaluation)
 * @param verifyInterval   how often the service verifies the chain by itself (result in the log and the
 *                         {@code trustwatch.audit.chain.valid} metric); 0 turns it off
 */
@ConfigurationProperties("trustwatch.audit")
public record CheckpointSettings(
        @Bindable(defaultValue = "trustwatch-data/audit-checkpoints.txt") String checkpointFile,
        @Bindable(defaultValue = "trustwatch-data/audit-checkpoint.key") String keyFile,
        @Bindable(defaultValue = "1000") int checkpointEvery,
        @Bindable(defaultValue = "6h") Duration verifyInterval) {
}
