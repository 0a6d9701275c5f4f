package com.trustwatch.evaluation;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress lines in the log while an evaluation runs, at most one per
 * {@code trustwatch.evaluation.progress-log-interval} for each evaluation (the clock decides), so a
 * long run says how far it has come without a line per chunk:
 * {@code evaluation 5f0c… as of 2026-11-20: 45,000 of 100,000 matters (45%), 52,113 actions decided,
 * 12,040 new; 14 s so far, about 17 s left}.
 */
@Singleton
class ProgressLog implements EvaluationProgressListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

    private final Clock clock;
    private final Duration interval;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    ProgressLog(Clock clock, EvaluationSettings settings) {
        this.clock = clock;
        this.interval = settings.progressLogInterval();
    }

    @Override
    public void progressed(String evaluationId, boolean dryRun, EvaluationView.Progress progress) {
        String line = lineIfDue(evaluationId, dryRun, progress);
        if (line != null) {
            LOG.info(line);
        }
    }

    @Override
    public void ended(String evaluationId, boolean dryRun, String status, EvaluationView.Progress progress) {
        last.remove(evaluationId);
    }

    /**
     * The line to log now, or null when one was logged for this evaluation less than an interval ago.
     * The first chunk of an evaluation starts its interval.
     */
    String lineIfDue(String evaluationId, boolean dryRun, EvaluationView.Progress p) {
        Instant now = clock.instant();
        Instant previous = last.putIfAbsent(evaluationId, now);
        if (previous == null || Duration.between(previous, now).compareTo(interval) < 0) {
            return null;
        }
        last.put(evaluationId, now);
        return line(evaluationId, dryRun, p);
    }

    static String line(String evaluationId, boolean dryRun, EvaluationView.Progress p) {
        return String.format(Locale.ROOT, "%s %s: %,d of %,d matters (%d%%), %,d actions decided, %,d %s; %,d s so far%s",
                dryRun ? "dry run" : "evaluation", evaluationId, p.mattersDone(), p.mattersTotal(), p.percent(),
                p.actionsDecided(), p.actionsNew(), dryRun ? "would be new" : "new", p.elapsedSeconds(),
                p.estimatedSecondsLeft() == null ? "" : String.format(Locale.ROOT, ", about %,d s left", p.estimatedSecondsLeft()));
    }
}
