package com.trustwatch.mail;

import com.trustwatch.action.RecordedAction;
import com.trustwatch.fixtures.DemoBook;
import com.trustwatch.matter.Matter;
import io.micronaut.email.javamail.composer.DefaultMessageComposer;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No value from data breaks a header (issue 10, A6): a matter name, client name or attorney name with a
 * line break, a NUL, a Unicode line separator or a great length ends up folded on one line in the
 * Subject and the From display name, and can never start a header of its own. The message is composed
 * by the same micronaut-email code the mailers use, written as bytes, and read back.
 */
class HeaderSafetyTest {

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of(Named.of("a line feed", "Smith v. Acme\n(appeal, 2nd Cir.)")),
                Arguments.of(Named.of("a carriage return", "Smith v. Acme\r(appeal)")),
                Arguments.of(Named.of("CR LF and a header after it", "Smith v. Acme\r\nBcc: thief@evil.example")),
                Arguments.of(Named.of("two line breaks and a body", "Smith\r\n\r\nInjected body")),
                Arguments.of(Named.of("a NUL", "Smith\u0000v. Acme")),
                Arguments.of(Named.of("a Unicode line separator", "Smith\u2028v. Acme")),
                Arguments.of(Named.of("a Unicode paragraph separator", "Smith\u2029v. Acme")),
                Arguments.of(Named.of("a next-line control", "Smith\u0085v. Acme")),
                Arguments.of(Named.of("a tab and a vertical tab", "Smith\tv.\u000BAcme")),
                Arguments.of(Named.of("a bidirectional override", "Smith \u202Ev. Acme")),
                Arguments.of(Named.of("non-ASCII letters", "Müller & Søn v. Ørsted")),
                Arguments.of(Named.of("10,000 characters", "Long matter ".repeat(834))));
    }

    /** A matter whose every name carries {@code value}, through the rules and the composer. */
    private static OutgoingMessage letter(String value) {
        Matter m = DemoBook.matter("M-2025-0112").toBuilder().matterName(value).clientName(value)
                .billingContactName(value).attorneyName(value).build();
        Letters letters = new Letters().with(m);
        RecordedAction request = letters.requests().get(0);
        return letters.compose(List.of(request));
    }

    private static MimeMessage mime(OutgoingMessage message) throws Exception {
        Session session = Session.getInstance(new Properties());
        var composed = new DefaultMessageComposer().compose(EmailMessages.toEmail(message).build(), session);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        composed.writeTo(bytes);
        return new MimeMessage(session, new ByteArrayInputStream(bytes.toByteArray()));
    }

    /** The header block as sent, one header per entry (folded continuation lines joined). */
    private static List<String> headerLines(MimeMessage m) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        m.writeTo(bytes);
        String raw = bytes.toString(StandardCharsets.ISO_8859_1);
        String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
        return Arrays.asList(head.replaceAll("\r\n[ \t]", " ").split("\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    @DisplayName("a hostile matter name, client name and attorney name stay inside the Subject and the From display name")
    void hostileValuesStayInTheirHeader(String value) throws Exception {
        OutgoingMessage message = letter(value);
        assertThat(message.subject()).doesNotContain("\r", "\n", "\u0000", "\u2028", "\u2029", "\u0085", "\u202E")
                .hasSizeLessThanOrEqualTo(HeaderText.SUBJECT);
        assertThat(message.fromName()).doesNotContain("\r", "\n", "\u0000", "\u2028")
                .hasSizeLessThanOrEqualTo(HeaderText.DISPLAY_NAME);

        MimeMessage sent = mime(message);
        List<String> headers = headerLines(sent);
        assertThat(headers).as("headers: %s", headers).noneMatch(h -> h.regionMatches(true, 0, "Bcc:", 0, 4));
        assertThat(headers).filteredOn(h -> h.regionMatches(true, 0, "Subject:", 0, 8)).hasSize(1);
        assertThat(headers).filteredOn(h -> h.regionMatches(true, 0, "From:", 0, 5)).hasSize(1);
        assertThat(headers).allMatch(h -> h.matches("[A-Za-z0-9-]+: .*"), "every line of the header block is a header");
        assertThat(sent.getAllRecipients()).extracting(Object::toString).containsExactly("ap@atlaslogistics.example");

        String subject = MimeUtility.decodeText(sent.getHeader("Subject")[0].replaceAll("\r\n[ \t]", " "));
        assertThat(subject).isEqualTo(message.subject()).startsWith("Trust retainer replenishment requested: ");
        if (value.length() < 150) {
            assertThat(subject).as("nothing after the line break is lost").endsWith("(M-2025-0112)");
        }
        InternetAddress from = (InternetAddress) sent.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("trust@firm.example");
        assertThat(from.getPersonal()).isEqualTo(message.fromName());
        // the body still names the matter as it is, line break and all
        assertThat(message.text()).contains("(matter M-2025-0112)");
    }

    @Test
    @DisplayName("the case-04 matter name keeps its words on one line: 'Smith, Jones & Partners v. \"Acme\" Corp (appeal, 2nd Cir.)'")
    void caseFourSubject() {
        OutgoingMessage message = letter("Smith, Jones & Partners v. \"Acme\" Corp\n(appeal, 2nd Cir.)");
        assertThat(message.subject()).isEqualTo("Trust retainer replenishment requested: Smith, Jones & Partners v. \"Acme\""
                + " Corp (appeal, 2nd Cir.) (M-2025-0112)");
    }

    @Test
    @DisplayName("folding: line breaks and controls become one space, invisible format characters go, long text is cut with an ellipsis")
    void foldRules() {
        assertThat(HeaderText.fold("a\r\n\r\n b\u0000c\u2028d\u200Be", 100)).isEqualTo("a b c de");
        assertThat(HeaderText.fold("  padded  ", 100)).isEqualTo("padded");
        assertThat(HeaderText.fold("x".repeat(300), 200)).hasSize(200).endsWith("…");
        assertThat(HeaderText.fold("😀".repeat(300), 10)).isEqualTo("😀".repeat(9) + "…");
        assertThat(HeaderText.fold(null, 10)).isNull();
    }

    @Test
    @DisplayName("an address with a line break cannot be folded without changing it: the message is refused as undeliverable")
    void addressWithALineBreakIsRefused() {
        assertThatThrownBy(() -> new OutgoingMessage("<id@x>", "trust@firm.example", "Firm", null,
                List.of("ap@atlas.example\r\nBcc: thief@evil.example"), List.of(), List.of(), "s", "t", "h"))
                .isInstanceOf(UndeliverableMessage.class).hasMessageContaining("line break");
        assertThatThrownBy(() -> new OutgoingMessage("<id@x>", "trust@firm.example", "Firm", "mlopez@firm.example\n",
                List.of("ap@atlas.example"), List.of(), List.of(), "s", "t", "h"))
                .isInstanceOf(UndeliverableMessage.class);
    }
}
