package com.trustwatch.reports;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil.example\",\"click\")", "+1+cmd|' /C calc'!A0", "-2+3",
            "@SUM(A1:A2)", "\t=1", "\r=1"})
    @DisplayName("a text cell that starts like a spreadsheet formula gets a leading apostrophe")
    void formulaLikeTextIsNeutralised(String text) {
        assertThat(CsvCells.text(text)).isEqualTo("'" + text);
    }

    @Test
    @DisplayName("ordinary text is kept as it is, quotes doubled inside quoted cells")
    void ordinaryText() {
        assertThat(CsvCells.text("Henderson Family Trust")).isEqualTo("Henderson Family Trust");
        assertThat(CsvCells.text(null)).isEmpty();
        assertThat(CsvCells.line(List.of("a \"b\"", "c,d", "-150.00"))).isEqualTo("\"a \"\"b\"\"\",\"c,d\",\"-150.00\"\r\n");
    }
}
