package com.trustwatch.matter;

import com.trustwatch.web.FieldError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MatterFieldsDatesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    private static Map<MatterFields.Field, String> matter(String lastDepositOn) {
        Map<String, String> json = Map.of("matterNumber", "M-1", "matterName", "Henderson Matter", "clientId", "C-1",
                "clientName", "Henderson Family Trust", "feeType", "HOURLY", "retainerType", "EVERGREEN", "status", "OPEN",
                "trustBalance", "1240.00", "lastDepositOn", lastDepositOn);
        Map<MatterFields.Field, String> raw = new HashMap<>();
        json.forEach((k, v) -> raw.put(MatterFields.byJson(k).orElseThrow(), v));
        return raw;
    }

    @Test
    @DisplayName("a date a save sets after the firm's today is refused naming the field; today itself is kept")
    void afterToday() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(MatterFields.parse(matter("2026-11-21"), null, MatterFields.Field::json, errors, TODAY, null)).isNull();
        assertThat(errors).containsExactly(new FieldError(null, "lastDepositOn", "2026-11-21 is after today (2026-11-20 in"
                + " the firm's time zone); a matter's dates record what has happened"));
        errors.clear();
        assertThat(MatterFields.parse(matter("2026-11-20"), null, MatterFields.Field::json, errors, TODAY, null)
                .lastDepositOn()).isEqualTo(TODAY);
        assertThat(errors).isEmpty();
    }

    @Test
    @DisplayName("a date already stored is kept as it is, even after today (a sync merging the stored matter does not answer for it); a changed one is held to today")
    void storedDateIsKept() {
        List<FieldError> errors = new ArrayList<>();
        Matter stored = MatterFields.parse(matter("2026-12-05"), null, MatterFields.Field::json, errors, null, null);
        assertThat(MatterFields.parse(matter("2026-12-05"), null, MatterFields.Field::json, errors, TODAY, stored)).isNotNull();
        assertThat(errors).isEmpty();
        assertThat(MatterFields.parse(matter("2026-12-06"), null, MatterFields.Field::json, errors, TODAY, stored)).isNull();
        assertThat(errors).extracting(FieldError::field).containsExactly("lastDepositOn");
    }
}
