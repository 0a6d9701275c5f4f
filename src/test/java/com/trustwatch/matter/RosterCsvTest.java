package com.trustwatch.matter;

import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RosterCsvTest {

    /** The firm's today in these tests. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final String HEADER = "matter_number,matter_name,client_id,client_name,fee_type,retainer_type,status,trust_balance";

    private static String row(String number) {
        return number + ",Name,C-1,Client,HOURLY,EVERGREEN,OPEN,100.00";
    }

    private static List<FieldError> refused(String csv) {
        try {
            RosterCsv.read(csv, TODAY);
        } catch (InvalidInput e) {
            return e.errors();
        }
        throw new AssertionError("the roster was accepted");
    }

    @Test
    @DisplayName("every date on a matter records what has happened: one after the firm's today is refused naming its line and column; today itself is accepted")
    void datesAfterToday() {
        String header = HEADER + ",last_deposit_on,last_reconciled_on";
        assertThat(refused(header + "\r\n" + row("M-1") + ",2026-11-21,2026-11-20\r\n" + row("M-2") + ",,2062-11-12\r\n"))
                .containsExactly(
                        new FieldError(2, "last_deposit_on", "2026-11-21 is after today (2026-11-20 in the firm's time zone);"
                                + " a matter's dates record what has happened"),
                        new FieldError(3, "last_reconciled_on", "2062-11-12 is after today (2026-11-20 in the firm's time zone);"
                                + " a matter's dates record what has happened"));
        assertThat(RosterCsv.read(header + "\r\n" + row("M-1") + ",2026-11-20,2026-11-19\r\n", TODAY))
                .extracting(Matter::lastDepositOn).containsExactly(TODAY);
    }

    @Test
    @DisplayName("a byte-order mark before the header is skipped (Excel's CSV UTF-8)")
    void byteOrderMark() {
        byte[] bytes = ("\uFEFF" + HEADER + "\r\n" + row("M-1") + "\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(RosterCsv.read(RosterCsv.decode(bytes, Optional.empty()), TODAY)).extracting(Matter::matterNumber).containsExactly("M-1");
    }

    @Test
    @DisplayName("rows of only commas and columns with empty headers (Excel's leftovers) are ignored")
    void excelLeftovers() {
        String csv = HEADER + ",,,\r\n" + row("M-1") + ",,,\r\n,,,,,,,,,,,\r\n" + row("M-2") + ",,,\r\n,,,,,,,,,,,\r\n";
        assertThat(RosterCsv.read(csv, TODAY)).extracting(Matter::matterNumber).containsExactly("M-1", "M-2");
    }

    @Test
    @DisplayName("a value under an empty header, or beyond the header, is refused naming its line and column")
    void valueWithoutHeader() {
        assertThat(refused(HEADER + ",\r\n" + row("M-1") + ",what\r\n"))
                .containsExactly(new FieldError(2, "column 9", "has the value 'what' but no header; name the column or clear the cell"));
        assertThat(refused(HEADER + "\r\n" + row("M-1") + ",1,2\r\n")).extracting(FieldError::field).containsExactly("column 9", "column 10");
    }

    @Test
    @DisplayName("lines are counted as a text editor counts them: a quoted cell over two lines moves the lines after it")
    void physicalLines() {
        String csv = HEADER + ",practice_area\n" + row("M-1") + ",\"Two\nlines\"\n\n" + "M-2,Name,C-1,Client,HOURLY,EVERGREEN,OPEN,12.345,\n";
        assertThat(refused(csv)).extracting(FieldError::line, FieldError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "practice_area"), org.assertj.core.groups.Tuple.tuple(5, "trust_balance"));
    }

    @Test
    @DisplayName("broken quoting is refused with the line and the character where it goes wrong")
    void brokenQuoting() {
        assertThat(refused(HEADER + "\r\n" + row("M-1") + "\r\nM-2,\"Smith\" Jr,C,D,HOURLY,EVERGREEN,OPEN,1.00\r\n"))
                .singleElement().satisfies(e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(13);
                    assertThat(e.message()).contains("'J' follows it");
                });
        assertThat(refused(HEADER + "\r\n\"M-2,Name,C,D,HOURLY,EVERGREEN,OPEN,1.00\r\n")).singleElement()
                .satisfies(e -> assertThat(e).extracting(FieldError::line, FieldError::column).containsExactly(2, 1));
    }

    @Test
    @DisplayName("a byte that is not UTF-8 is refused with its line and column; a declared charset is honoured")
    void encoding() {
        byte[] bytes = (HEADER + "\nM-1,Caf").getBytes(StandardCharsets.US_ASCII);
        byte[] withLatin1 = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, withLatin1, 0, bytes.length);
        withLatin1[bytes.length] = (byte) 0xE9;
        assertThatThrownBy(() -> RosterCsv.decode(withLatin1, Optional.empty())).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors()).singleElement().extracting(FieldError::line, FieldError::column).containsExactly(2, 8));
        assertThat(RosterCsv.decode(withLatin1, Optional.of("ISO-8859-1"))).endsWith("Café");
        assertThatThrownBy(() -> RosterCsv.decode(bytes, Optional.of("klingon"))).hasMessageContaining("not known");
    }

    @Test
    @DisplayName("cells keep their inner spaces and lose only the spaces around them; a control character at the end is not trimmed away")
    void trimming() {
        assertThat(RosterCsv.read(HEADER + "\r\n  M-1 , Smith  v.  Jones ,C-1,Client,HOURLY,EVERGREEN,OPEN, 100.00 \r\n", TODAY))
                .singleElement().satisfies(m -> assertThat(m.matterName()).isEqualTo("Smith  v.  Jones"));
        assertThat(refused(HEADER + "\r\nM-1,\"Smith\u0000\",C-1,Client,HOURLY,EVERGREEN,OPEN,100.00\r\n"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("NUL"));
    }

    @Test
    @DisplayName("a text column longer than its database column is refused, not cut by the database")
    void columnWidths() {
        assertThat(refused(HEADER + "\r\nM-1,Name," + "C".repeat(65) + ",Client,HOURLY,EVERGREEN,OPEN,100.00\r\n"))
                .singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("client_id"));
    }
}
