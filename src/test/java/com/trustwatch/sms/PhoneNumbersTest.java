package com.trustwatch.sms;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

    @Test
    @DisplayName("numbers as books hold them read as E.164; anything that would have to be guessed is not read")
    void e164() {
        assertThat(PhoneNumbers.e164("+1 555-555-0142")).contains("+15555550142");
        assertThat(PhoneNumbers.e164("(555) 555-0199")).contains("+15555550199");
        assertThat(PhoneNumbers.e164("1-555-555-0199")).contains("+15555550199");
        assertThat(PhoneNumbers.e164("+44 20 7946 0958")).contains("+442079460958");
        assertThat(PhoneNumbers.e164("555-0199")).isEmpty();
        assertThat(PhoneNumbers.e164("555-555-0199 x12")).isEmpty();
        assertThat(PhoneNumbers.e164("055-555-0199")).isEmpty();
        assertThat(PhoneNumbers.e164(null)).isEmpty();
        assertThat(PhoneNumbers.e164(" ")).isEmpty();
    }
}
