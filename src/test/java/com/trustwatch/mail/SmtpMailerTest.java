package com.trustwatch.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpMailerTest {

    @Test
    @DisplayName("a 5xx reply to an address or to the message is permanent; a 4xx reply or a lost connection is not")
    void permanentOrNot() throws Exception {
        InternetAddress to = new InternetAddress("a@x.example");
        SMTPAddressFailedException gone = new SMTPAddressFailedException(to, "RCPT TO:<a@x.example>", 550, "550 5.1.1 no such user");
        SMTPAddressFailedException busy = new SMTPAddressFailedException(to, "RCPT TO:<a@x.example>", 451, "451 4.3.0 try later");
        SendFailedException wrapped = new SendFailedException("Invalid Addresses", gone);
        assertThat(SmtpMailer.permanent(new RuntimeException(wrapped))).isTrue();
        assertThat(SmtpMailer.permanent(new RuntimeException(new SendFailedException("Invalid Addresses", busy)))).isFalse();
        assertThat(SmtpMailer.permanent(new SMTPSendFailedException("DATA", 554, "554 5.6.0 rejected", null, null, null, null))).isTrue();
        assertThat(SmtpMailer.permanent(new RuntimeException(new AddressException("Illegal character in domain")))).isTrue();
        assertThat(SmtpMailer.permanent(new RuntimeException(new MessagingException("Could not connect to SMTP host")))).isFalse();
        MessagingException chained = new MessagingException("send failed");
        chained.setNextException(gone);
        assertThat(SmtpMailer.permanent(chained)).isTrue();
    }
}
