package com.trustwatch.mail;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The compliance-flag email says what the flag says in plain words: the rule's sentence, "high", "Texas". */
class ComplianceFlagMessageTest {

    private final MessageTemplates templates = new MessageTemplates(new MailSettings("folder", "target/mail", null,
            6, 30, 3600, 300, Duration.ofSeconds(30), Duration.ofSeconds(5)));

    @Test
    @DisplayName("a Texas negative-ledger flag reads 'high' and 'Texas' and cites the Texas rule; no code, enum name or jurisdiction code appears")
    void plainWords() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ruleTitle", "A client trust ledger shows a balance below zero");
        vars.put("ruleId", "CM-001");
        vars.put("severityWords", "critical");
        vars.put("jurisdictionName", "Texas");
        vars.put("matterName", "Okafor Estate");
        vars.put("matterNumber", "M-2026-0101");
        vars.put("clientName", "Okafor Family");
        vars.put("balance", "-$150.00");
        vars.put("reason", "The trust ledger for this matter shows a balance of -$150.00 on November 20, 2026.");
        vars.put("citation", "Tex. Disciplinary R. Prof'l Conduct 1.15(a) (numbered 1.14(a) before Oct. 1, 2024)");
        vars.put("rulesetVersion", "abc123");
        MessageTemplates.Rendered r = templates.render("compliance-flag", vars);
        assertThat(r.subject()).isEqualTo("[Trustwatch] Compliance check (critical): A client trust ledger shows a "
                + "balance below zero - Okafor Estate (M-2026-0101)");
        for (String part : new String[]{r.text(), r.html()}) {
            assertThat(part).contains("Jurisdiction: Texas").contains("Severity: critical")
                    .contains("Authority: Tex. Disciplinary R. Prof'l Conduct 1.15(a)")
                    .doesNotContain("NEGATIVE_CLIENT_LEDGER").doesNotContain("CRITICAL").doesNotContain("US-TX")
                    .doesNotContain("@{");
        }
    }
}
