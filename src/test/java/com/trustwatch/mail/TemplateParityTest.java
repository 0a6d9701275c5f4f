package com.trustwatch.mail;

import com.trustwatch.action.RecordedAction;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.fixtures.DemoBook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML part and the plain-text part of every shipped message say the same things, word for word
 * (issue 10, A8): a reader whose mail program shows one part misses nothing the other says.
 */
class TemplateParityTest {

    /** The words of a part, as a reader sees them: tags out, entities decoded, punctuation between words ignored. */
    static String words(String part) {
        String text = part.replaceAll("(?s)<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&amp;", "&");
        // a tag between a word and its punctuation ("<b>HIGH</b>,") leaves no space behind
        return text.replaceAll("[\\s:]+", " ").replaceAll(" ([,.;)])", "$1").trim();
    }

    @Test
    @DisplayName("each message the demo's matters produce (request, consolidated request, alerts, tasks, flags, pause-work) reads the same in HTML and plain text")
    void everyTemplateReadsTheSameInBothParts() {
        Letters book = new Letters();
        DemoBook.matters().forEach(book::with);
        book.with(DemoBook.matter("M-2024-0847").withTrustBalance(new BigDecimal("1240.00")))
                .drawdown("M-2024-0847", "1200.00", LocalDate.of(2026, 10, 28), "October fees");
        Map<String, Integer> seen = new TreeMap<>();
        List<RecordedAction> actions = book.actions();
        for (RecordedAction r : actions) {
            OutgoingMessage m = book.compose(List.of(r));
            String template = ComposeMessages.templateFor(r.action());
            seen.merge(template, 1, Integer::sum);
            assertThat(words(m.html())).as("%s for %s %s", template, r.action().type(), r.matterNumber())
                    .isEqualTo(words(m.text()));
        }
        OutgoingMessage consolidated = book.compose(actions.stream()
                .filter(r -> r.action().toClient() && r.action().clientId().equals("C-200")).toList());
        assertThat(words(consolidated.html())).isEqualTo(words(consolidated.text()));
        assertThat(seen.keySet()).contains("client-request", "internal-alert", "compliance-flag", "pause-work");
    }

    @Test
    @DisplayName("the ladder's messages (client follow-up, escalation, pause-work) read the same in HTML and plain text")
    void ladderMessagesReadTheSame() {
        LocalDate start = LocalDate.of(2026, 11, 20);
        LocalDate day10 = LocalDate.of(2026, 12, 4);
        Letters book = new Letters().with(DemoBook.matter("M-2024-0847").withTrustBalance(new BigDecimal("1240.00")))
                .on(day10, new OpenEpisode("M-2024-0847", start, 1, 10, start, LocalDate.of(2026, 11, 27)));
        Map<String, Integer> seen = new TreeMap<>();
        for (RecordedAction r : book.actions()) {
            OutgoingMessage m = book.compose(List.of(r));
            seen.merge(ComposeMessages.templateFor(r.action()), 1, Integer::sum);
            assertThat(words(m.html())).as("%s %s", r.action().type(), r.action().code()).isEqualTo(words(m.text()));
        }
        assertThat(seen.keySet()).contains("client-follow-up", "escalation", "pause-work");
    }
}
