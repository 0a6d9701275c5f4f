package com.trustwatch.policy;

import com.trustwatch.evaluation.EvaluateMatters;
import com.trustwatch.evaluation.EvaluationRequest;
import com.trustwatch.fixtures.TestFiles;
import com.trustwatch.rules.PackSignoff;
import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.web.TransitionRefusedException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ethics counsel sign off compliance packs over HTTP: bound to the pack's SHA-256, stored and audited;
 * a changed pack needs review again; the sign-off file of firms that used it is imported; with
 * require-signoff, real runs wait for the reviews.
 */
@MicronautTest(transactional = false)
class PackSignoffIT extends IntegrationTest {

    private Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = super.getProperties();
        }
        return properties;
    }

    @Test
    @DisplayName("every shipped pack needs review until counsel sign it off; only ETHICS_COUNSEL may, with a note")
    void signOffOverHttp() throws Exception {
        List<Map<String, Object>> packs = api().get("billing", "/api/rules/packs").list();
        assertThat(packs).isNotEmpty().allSatisfy(p -> assertThat(p).containsEntry("status", "NOT_SIGNED_OFF")
                .containsEntry("needsReview", true));
        String sha = PackSignoff.digest(Files.readString(Path.of("rules/compliance/us-ca.drl")),
                Files.readString(Path.of("rules/compliance/us-ca.obligations.csv")));

        assertThat(api().postJson("billing", "/api/rules/packs/us-ca.drl/signoff", Map.of("note", "x")).status()).isEqualTo(403);
        Api.Reply noNote = api().postJson("ethics", "/api/rules/packs/us-ca.drl/signoff", Map.of());
        assertThat(noNote.status()).isEqualTo(422);
        assertThat(noNote.json().get("message").toString()).contains("note: say what was reviewed against what");
        assertThat(api().postJson("ethics", "/api/rules/packs/us-zz.drl/signoff", Map.of("note", "x")).status()).isEqualTo(404);

        Map<String, Object> signed = api().postJson("ethics", "/api/rules/packs/us-ca.drl/signoff",
                Map.of("note", "reviewed against Cal. RPC 1.15 and B&P 6091")).json();
        assertThat(signed).containsEntry("pack", "us-ca.drl").containsEntry("status", "SIGNED_OFF")
                .containsEntry("needsReview", false).containsEntry("reviewer", "ethics").containsEntry("sha256", sha)
                .containsEntry("signedSha256", sha);
        assertThat(api().postJson("ethics", "/api/rules/packs/us-ca/signoff", Map.of("note", "again")).status())
                .as("the same text twice by the same person").isEqualTo(409);
        assertThat(count("SELECT COUNT(*) FROM pack_signoff WHERE pack = 'us-ca.drl' AND sha256 = '" + sha
                + "' AND reviewer = 'ethics' AND source = 'HTTP'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'PACK_SIGNED_OFF' AND actor = 'ethics'"
                + " AND detail LIKE '%us-ca.drl with its obligations table us-ca.obligations.csv (%rows) signed off, sha256 "
                + sha + "%reviewed against Cal. RPC 1.15%'")).isEqualTo(1);
    }

    @Test
    @DisplayName("a changed pack shows NEEDS_REVIEW until signed again; signoffs.csv is imported; with require-signoff real runs wait")
    void changedPackAndCsvAndHold(@TempDir Path temp) throws Exception {
        // counsel signed off California's pack as shipped; the copy below changes its text
        given().packSignedOff("us-ca.drl", "ethics", "reviewed against Cal. RPC 1.15 and B&P 6091");
        Path rules = TestFiles.copyTree(Path.of("rules"), temp.resolve("rules"));
        String ca = Files.readString(rules.resolve("compliance/us-ca.drl"));
        Files.writeString(rules.resolve("compliance/us-ca.drl"), ca + "\n// a later edit\n");
        String ny = PackSignoff.digest(Files.readString(rules.resolve("compliance/us-ny.drl")),
                Files.readString(rules.resolve("compliance/us-ny.obligations.csv")));
        Files.writeString(rules.resolve("compliance/signoffs.csv"), "pack,sha256,reviewer,signed_on,note\n"
                + "us-ny.drl," + ny + ",Jordan Ethics,2026-11-21,reviewed against 22 NYCRR 1200.15\n");
        Map<String, Object> p = new HashMap<>(getProperties());
        p.put("trustwatch.rules.rules-dir", rules.toString());
        p.put("trustwatch.rules.require-signoff", "true");
        p.put("trustwatch.rules.cache-dir", "");
        try (ApplicationContext other = ApplicationContext.builder().environments(Environment.TEST).properties(p).start()) {
            SignOffPack signoffs = other.getBean(SignOffPack.class);
            PackStatus caStatus = signoffs.packs().stream().filter(s -> s.pack().equals("us-ca.drl")).findFirst().orElseThrow();
            assertThat(caStatus.status()).isEqualTo(PackStatus.NEEDS_REVIEW);
            assertThat(caStatus.needsReview()).isTrue();
            assertThat(caStatus.reviewer()).isEqualTo("ethics");
            assertThat(caStatus.signedSha256()).isNotEqualTo(caStatus.sha256());
            assertThat(signoffs.packs().stream().filter(s -> s.pack().equals("us-ny.drl")).findFirst().orElseThrow())
                    .satisfies(s -> {
                        assertThat(s.status()).isEqualTo(PackStatus.SIGNED_OFF);
                        assertThat(s.reviewer()).isEqualTo("Jordan Ethics");
                        assertThat(s.signedOn()).isEqualTo("2026-11-21");
                    });
            assertThat(count("SELECT COUNT(*) FROM pack_signoff WHERE pack = 'us-ny.drl' AND source = 'CSV'")).isEqualTo(1);

            EvaluateMatters evaluate = other.getBean(EvaluateMatters.class);
            assertThatThrownBy(() -> evaluate.execute(new EvaluationRequest(false, "2026-11-20", null), "scheduler"))
                    .isInstanceOf(TransitionRefusedException.class)
                    .hasMessageStartingWith("real evaluations are held: ")
                    .hasMessageContaining("rules/compliance/us-ca.drl needs ethics counsel's sign-off (NEEDS_REVIEW")
                    .hasMessageContaining("rules/compliance/aba.drl needs ethics counsel's sign-off (NOT_SIGNED_OFF")
                    .hasMessageNotContaining("us-ny.drl");
            assertThat(evaluate.preview(new EvaluationRequest(true, "2026-11-20", null), a -> { }).status())
                    .as("a dry run is not held").isEqualTo("DONE");

            for (PackStatus open : signoffs.packs().stream().filter(PackStatus::needsReview).toList()) {
                signoffs.signOff(open.pack(), "reviewed for the test", "counsel");
            }
            assertThat(evaluate.execute(new EvaluationRequest(false, "2026-11-20", null), "scheduler").status())
                    .isEqualTo("DONE");
        }
    }
}
