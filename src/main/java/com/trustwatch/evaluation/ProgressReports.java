package com.trustwatch.evaluation;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Tells every {@link EvaluationProgressListener} where an evaluation stands, as the database says,
 * when an evaluation begins to run here, after each chunk this process records and when an
 * evaluation it ran has ended. A listener that
 * throws is logged and the others are still told: progress reports never stop an evaluation.
 */
@Singleton
class ProgressReports {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReports.class);

    private final ReadEvaluations reader;
    private final List<EvaluationProgressListener> listeners;

    ProgressReports(ReadEvaluations reader, List<EvaluationProgressListener> listeners) {
        this.reader = reader;
        this.listeners = listeners;
    }

    private enum Moment { STARTED, PROGRESSED, ENDED }

    void started(String evaluationId) {
        tell(evaluationId, Moment.STARTED);
    }

    void chunkRecorded(String evaluationId) {
        tell(evaluationId, Moment.PROGRESSED);
    }

    void ended(String evaluationId) {
        tell(evaluationId, Moment.ENDED);
    }

    private void tell(String id, Moment moment) {
        if (listeners.isEmpty()) {
            return;
        }
        reader.row(id).ifPresent(row -> {
            EvaluationView.Progress p = reader.progress(row);
            for (EvaluationProgressListener l : listeners) {
                try {
                    switch (moment) {
                        case STARTED -> l.started(id, row.dryRun(), p);
                        case PROGRESSED -> l.progressed(id, row.dryRun(), p);
                        case ENDED -> l.ended(id, row.dryRun(), row.status().name(), p);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("progress listener {} failed on evaluation {}", l.getClass().getSimpleName(), id, e);
                }
            }
        });
    }
}
