package com.trustwatch.evaluation;

import com.trustwatch.config.FirmTime;
import com.trustwatch.web.InputSettings;
import com.trustwatch.web.InvalidInput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsOfWindowTest {

    /** 16:00 Pacific on Friday 20 November 2026: UTC is already on the 21st. */
    private static final Clock FRIDAY_EVENING = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);

    @Test
    @DisplayName("the window counts from the firm's today: at 16:00 Pacific on the 20th, a day ahead is the 21st, not the 22nd UTC would allow")
    void windowIsTheFirmsDays() {
        AsOfWindow window = new AsOfWindow(new FirmTime(FRIDAY_EVENING, "America/Los_Angeles"), new InputSettings(2, 1, 100, 1000));
        assertThatCode(() -> window.check("2026-11-21")).doesNotThrowAnyException();
        assertThatCode(() -> window.check("2026-11-18")).doesNotThrowAnyException();
        assertThatThrownBy(() -> window.check("2026-11-22")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("asOf").hasMessageContaining("2026-11-18 to 2026-11-21");
        assertThatThrownBy(() -> window.check("2026-11-17")).isInstanceOf(InvalidInput.class);
        // the same instant for a firm in UTC is already the 21st
        AsOfWindow london = new AsOfWindow(new FirmTime(FRIDAY_EVENING, "UTC"), new InputSettings(2, 1, 100, 1000));
        assertThatCode(() -> london.check("2026-11-22")).doesNotThrowAnyException();
    }
}
