package com.trustwatch.clio;

import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.booksync.SyncBook;
import com.trustwatch.evaluation.BeforeEvaluation;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code trustwatch.clio.sync-before-evaluation: true}, each triggered evaluation first syncs the
 * book from Clio. When the sync fails the evaluation still runs, on the book as the last sync left it;
 * the failure is in the log and the audit trail (docs/operations.md, "Clio").
 */
@Singleton
class SyncBeforeEvaluation implements BeforeEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(SyncBeforeEvaluation.class);

    private final ClioSettings settings;
    private final ClioBook book;
    private final SyncBook sync;
    private final AuditLog audit;

    SyncBeforeEvaluation(ClioSettings settings, ClioBook book, SyncBook sync, AuditLog audit) {
        this.settings = settings;
        this.book = book;
        this.sync = sync;
        this.audit = audit;
    }

    @Override
    public void beforeEvaluation(String actor) {
        if (!settings.syncBeforeEvaluation() || !settings.configured()) {
            return;
        }
        try {
            sync.sync(book, actor);
        } catch (RuntimeException e) {
            LOG.warn("Clio sync before the evaluation failed; evaluating the book as the last sync left it: {}",
                    e.getMessage());
            audit.append(AuditRecord.of(AuditKind.BOOK_SYNCED, actor, "Clio sync before the evaluation failed: "
                    + e.getMessage() + "; an evaluation that follows reads the book as the last sync left it"));
        }
    }
}
