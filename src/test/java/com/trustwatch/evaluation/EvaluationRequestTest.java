package com.trustwatch.evaluation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationRequestTest {

    @Test
    @DisplayName("the fingerprint of a trigger is what it asks to evaluate: the matters in any order, not how the answer is given")
    void fingerprintIsWhatIsAsked() {
        String base = new EvaluationRequest(false, "2026-11-20", List.of("M-1", "M-2")).fingerprint();
        assertThat(new EvaluationRequest(null, " 2026-11-20", List.of("M-2", "M-1", "M-2"), false, 30).fingerprint())
                .isEqualTo(base);
        assertThat(new EvaluationRequest(true, "2026-11-20", List.of("M-1", "M-2")).fingerprint()).isNotEqualTo(base);
        assertThat(new EvaluationRequest(false, "2026-11-21", List.of("M-1", "M-2")).fingerprint()).isNotEqualTo(base);
        assertThat(new EvaluationRequest(false, "2026-11-20", List.of("M-1")).fingerprint()).isNotEqualTo(base);
        assertThat(new EvaluationRequest(false, "2026-11-20", null).fingerprint())
                .as("the whole book is not an empty selection")
                .isNotEqualTo(new EvaluationRequest(false, "2026-11-20", List.of()).fingerprint());
        assertThat(new EvaluationRequest(false, null, null).fingerprint())
                .as("today, as sent, is not a date: a retry after midnight replays the first run")
                .isNotEqualTo(new EvaluationRequest(false, "2026-11-20", null).fingerprint());
        assertThat(base).hasSize(64).matches("[0-9a-f]+");
    }
}
