package com.trustwatch.action;

import com.trustwatch.decision.BusinessCalendar;
import com.trustwatch.decision.OpenCase;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** The open low-balance episodes of some matters, as the rules see them on an as-of date. */
@Singleton
public class OpenEpisodes {

    private final JdbcOperations jdbc;
    private final BusinessCalendar calendar;

    public OpenEpisodes(JdbcOperations jdbc, BusinessCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    @Transactional(readOnly = true)
    public Map<String, OpenCase> of(Collection<String> matterNumbers, LocalDate asOf) {
        Map<String, OpenCase> out = new HashMap<>();
        if (matterNumbers.isEmpty()) {
            return out;
        }
        String marks = String.join(",", Collections.nCopies(matterNumbers.size(), "?"));
        jdbc.execute(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT matter_number, episode_start, stage_sent"
                    + " FROM replenishment_case WHERE status = 'OPEN' AND matter_number IN (" + marks + ")")) {
                int i = 1;
                for (String m : matterNumbers) {
                    ps.setString(i++, m);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate start = rs.getObject(2, LocalDate.class);
                        out.put(rs.getString(1), new OpenCase(rs.getString(1), start, rs.getInt(3),
                                calendar.businessDaysBetween(start, asOf)));
                    }
                }
            }
            return null;
        });
        return out;
    }
}
