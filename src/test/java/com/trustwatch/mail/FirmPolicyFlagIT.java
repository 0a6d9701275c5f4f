package com.trustwatch.mail;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestMail;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flag that rests on the firm's own billing policy (CM-006: an evergreen hourly retainer with no
 * minimum balance in its fee agreement) cites no rule of professional conduct, and its email says so
 * rather than printing an empty authority or borrowing a rule's citation.
 */
@MicronautTest(transactional = false)
class FirmPolicyFlagIT extends IntegrationTest {

    private static final String HEADER = "matter_number,matter_name,client_id,client_name,client_tier,billing_contact_name,"
            + "billing_contact_email,billing_contact_phone,sms_consent,attorney_name,attorney_email,jurisdiction,practice_area,"
            + "fee_type,retainer_type,status,closed_on,trust_balance,original_retainer,floor,refill_target,monthly_billing,"
            + "last_replenished_on,last_reconciled_on,payment_plan,flat_fee_account,flat_fee_disclosure_signed\r\n";

    @Test
    @DisplayName("the CM-006 email to the attorney says its authority is firm policy, with no rule of professional conduct cited")
    void firmPolicyFlagSaysSo() throws Exception {
        given().today(LocalDate.of(2026, 11, 20))
                .roster(HEADER + "M-T-0006,Policy Matter,C-600,Rivera Holdings,,Ana Rivera,ana@rivera.example,,,Maria Lopez,"
                        + "mlopez@firm.example,ABA,Corporate,HOURLY,EVERGREEN,OPEN,,40000.00,40000.00,,,2000.00,2026-09-15,"
                        + "2026-11-02,false,,\r\n")
                .evaluatedOn(LocalDate.of(2026, 11, 20))
                .dispatched();

        MimeMessage flag = Arrays.stream(TestMail.server().getReceivedMessages())
                .filter(m -> subject(m).contains("M-T-0006") && subject(m).contains("minimum trust balance"))
                .findFirst().orElseThrow(() -> new AssertionError("no CM-006 email; subjects: " + Arrays.stream(
                        TestMail.server().getReceivedMessages()).map(FirmPolicyFlagIT::subject).toList()));
        String body = GreenMailUtil.getBody(flag);
        assertThat(body).contains("Authority: firm policy (no rule of professional conduct is cited)")
                .contains("Firm policy: this open hourly matter is on an evergreen retainer")
                .doesNotContain("Rule 1.15").doesNotContain("Authority: \r\n").doesNotContain("@{");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
