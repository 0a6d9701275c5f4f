package com.trustwatch.episode;

import java.time.LocalDate;

/** What recording a stage did to the matter's episode: opened it, or moved it on to a later stage. */
public record EpisodeChange(Kind kind, StageSent stage) {

    public enum Kind { OPENED, ADVANCED }

    public String matterNumber() {
        return stage.matterNumber();
    }

    public LocalDate episodeStart() {
        return stage.episodeStart();
    }
}
