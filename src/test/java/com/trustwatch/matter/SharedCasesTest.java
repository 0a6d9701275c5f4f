package com.trustwatch.matter;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.Band;
import com.trustwatch.mail.HeaderText;
import com.trustwatch.rules.RulesHarness;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The small files that real exports and real users produce (src/test/resources/cases/, copied as they
 * were reported), each read the way the roster import reads an upload, with the outcome a user expects.
 */
class SharedCasesTest {

    private static List<Matter> read(String file) throws IOException {
        return RosterCsv.read(RosterCsv.decode(bytes(file), Optional.empty()), null);
    }

    private static byte[] bytes(String file) throws IOException {
        try (InputStream in = SharedCasesTest.class.getResourceAsStream("/cases/" + file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    @DisplayName("case01: Excel's CSV UTF-8 (byte-order mark, CRLF) imports, the first column included")
    void byteOrderMarkAndCrlf() throws IOException {
        assertThat(read("case01-bom-crlf.csv")).singleElement().satisfies(m -> {
            assertThat(m.matterNumber()).isEqualTo("F01-0001");
            assertThat(m.trustBalance()).isEqualByComparingTo("1200.00");
        });
    }

    @Test
    @DisplayName("case05a and case05f: rows of only commas and empty trailing header cells are ignored")
    void excelLeftovers() throws IOException {
        assertThat(read("case05a-trailing-empty-cols-rows.csv")).extracting(Matter::matterNumber).containsExactly("F05-0001");
        assertThat(read("case05f-blank-comma-row.csv")).extracting(Matter::matterNumber).containsExactly("F05-0005");
    }

    @Test
    @DisplayName("case12b: an internationalised billing address is refused at import, naming its line and column")
    void internationalisedAddressIsRefused() {
        InvalidInput refused = catchThrowableOfType(InvalidInput.class, () -> read("case12b-unicode-email.csv"));
        assertThat(refused).as("the import is refused").isNotNull();
        assertThat(refused.errors()).extracting(FieldError::line, FieldError::field)
                .contains(org.assertj.core.groups.Tuple.tuple(2, "billing_contact_email"));
    }

    @Test
    @DisplayName("case04: a matter name with a line break is refused at import naming line, column and character, and no header built from such a value can break")
    void multilineNameNeverBreaksAHeader() {
        InvalidInput refused = catchThrowableOfType(InvalidInput.class, () -> read("case04-quoted-multiline.csv"));
        assertThat(refused).as("a name holds one line: the import is refused, not guessed").isNotNull();
        assertThat(refused.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.field()).isEqualTo("matter_name");
            assertThat(e.message()).contains("line break").contains("character 39");
        });
        // the mail layer folds whatever reaches it: the name as the file spells it makes one Subject line
        String name = "Smith, Jones & Partners v. \"Acme\" Corp\r\n(appeal, 2nd Cir.)";
        String subject = HeaderText.fold("Trust replenishment request: " + name, 200);
        assertThat(subject).doesNotContain("\r").doesNotContain("\n").contains("(appeal, 2nd Cir.)");
    }

    @Test
    @DisplayName("case09b: an overdrawn matter with a 0.00 floor gets the depleted band, its alert and a client request for a person to release")
    void zeroFloorOverdrawnIsStillOverdrawn() throws IOException {
        List<Matter> matters = read("case09b-zero-floor-negative.csv");
        Matter overdrawn = matters.stream().filter(m -> m.matterNumber().equals("F10-0008")).findFirst().orElseThrow();
        RulesHarness.Result result = RulesHarness.evaluate(RulesHarness.AS_OF, List.of(), List.of(overdrawn));
        ActionProposal request = result.only(ActionType.REPLENISHMENT_REQUEST);
        assertThat(request.band()).isIn(Band.BREACH, Band.CRITICAL);
        assertThat(request.holds()).extracting(com.trustwatch.decision.Hold::code).contains("NEGATIVE_CLIENT_LEDGER");
        assertThat(result.actions(ActionType.INTERNAL_ALERT)).isNotEmpty();
    }
}
