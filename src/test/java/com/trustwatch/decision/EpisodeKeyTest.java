package com.trustwatch.decision;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class EpisodeKeyTest {

    @Test
    @DisplayName("a ladder stage's key names its episode start and stage, and carries both for the executor")
    void ladderStage() {
        EpisodeKey key = EpisodeKey.ladderStage(LocalDate.of(2026, 11, 2), 3);
        assertThat(key.text()).isEqualTo("low-balance:2026-11-02:stage-3");
        assertThat(key.isLadderStage()).isTrue();
        assertThat(key.ladderStart()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(key.ladderStage()).isEqualTo(3);
    }

    @Test
    @DisplayName("other steps of a low-balance episode, flags and data-quality items are not ladder stages")
    void otherEpisodes() {
        LocalDate start = LocalDate.of(2026, 11, 2);
        assertThat(EpisodeKey.lowBalance(start, "BREACH").text()).isEqualTo("low-balance:2026-11-02:BREACH");
        assertThat(EpisodeKey.lowBalance(start, "review").isLadderStage()).isFalse();
        assertThat(EpisodeKey.emergency(start).text()).isEqualTo("emergency:2026-11-02");
        assertThat(EpisodeKey.dataQuality("no-threshold").text()).isEqualTo("data-quality:no-threshold");
        assertThat(EpisodeKey.flag("NEGATIVE_CLIENT_LEDGER", "balance=-150.00").text())
                .isEqualTo("NEGATIVE_CLIENT_LEDGER:balance=-150.00");
        assertThat(EpisodeKey.standing("SMS_NO_CONSENT").isLadderStage()).isFalse();
    }

    @Test
    @DisplayName("keys of episodes that start on different days, asked for in turn, each name their own start date")
    void startDatesInTurn() {
        LocalDate first = LocalDate.of(2026, 11, 2);
        for (int i = 0; i < 400; i++) {
            LocalDate start = i % 3 == 0 ? first : first.minusDays(i);
            assertThat(EpisodeKey.lowBalance(start, "WATCH").text()).isEqualTo("low-balance:" + start + ":WATCH");
            assertThat(EpisodeKey.ladderStage(start, 1 + i % 4).text())
                    .isEqualTo("low-balance:" + start + ":stage-" + (1 + i % 4));
        }
    }
}
