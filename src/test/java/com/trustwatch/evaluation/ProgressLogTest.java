package com.trustwatch.evaluation;

import com.trustwatch.support.TestClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLogTest {

    private final TestClock clock = new TestClock();
    private final ProgressLog log = new ProgressLog(clock, new EvaluationSettings(1000, false, 1, 120, 50,
            Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(1), 2, 1000, Duration.ofMinutes(10),
            Duration.ofSeconds(30), Duration.ofDays(7)));

    private static EvaluationView.Progress at(int done) {
        return new EvaluationView.Progress(done, 100_000, done / 1000, done + done / 10, done / 4, done / 3000,
                done == 0 ? null : (long) (100_000 - done) / 3000);
    }

    @Test
    @DisplayName("a long run logs one progress line per interval of the clock, not one per chunk")
    void oneLinePerInterval() {
        assertThat(log.lineIfDue("e1", false, at(1000))).as("the first chunk starts the interval").isNull();
        clock.advanceSeconds(10);
        assertThat(log.lineIfDue("e1", false, at(2000))).isNull();
        clock.advanceSeconds(20);
        assertThat(log.lineIfDue("e1", false, at(45_000))).isEqualTo("evaluation e1: 45,000 of 100,000 matters (45%),"
                + " 49,500 actions decided, 11,250 new; 15 s so far, about 18 s left");
        clock.advanceSeconds(29);
        assertThat(log.lineIfDue("e1", false, at(46_000))).isNull();
        assertThat(log.lineIfDue("e2", true, at(1000))).as("each evaluation has its own interval").isNull();
        clock.advanceSeconds(1);
        assertThat(log.lineIfDue("e1", false, at(47_000))).isNotNull();
    }

    @Test
    @DisplayName("a dry run's line says how many actions would be new, and no estimate is printed before there is one")
    void dryRunLine() {
        assertThat(ProgressLog.line("d1", true, new EvaluationView.Progress(0, 500, 0, 0, 0, 0, null)))
                .isEqualTo("dry run d1: 0 of 500 matters (0%), 0 actions decided, 0 would be new; 0 s so far");
    }
}
