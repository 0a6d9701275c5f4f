package com.trustwatch.decision;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class LadderEpisodeTest {

    @Test
    @DisplayName("a ladder stage's episode names its start and stage, and reads back the same")
    void roundTrip() {
        String episode = LadderEpisode.of(LocalDate.of(2026, 11, 2), 3);
        assertThat(episode).isEqualTo("low-balance:2026-11-02:stage-3");
        assertThat(LadderEpisode.parse(episode)).contains(new LadderEpisode(LocalDate.of(2026, 11, 2), 3));
    }

    @Test
    @DisplayName("other episodes of a low balance are not ladder stages")
    void otherEpisodes() {
        assertThat(LadderEpisode.parse("low-balance:2026-11-02:BREACH")).isEmpty();
        assertThat(LadderEpisode.parse("low-balance:2026-11-02:ladder-exhausted")).isEmpty();
        assertThat(LadderEpisode.parse("low-balance:2026-11-02:review")).isEmpty();
        assertThat(LadderEpisode.parse("low-balance:2026-02-30:stage-2")).isEmpty();
        assertThat(LadderEpisode.parse("")).isEmpty();
        assertThat(LadderEpisode.parse(null)).isEmpty();
    }
}
