package com.trustwatch.audit;

import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit chain anchored outside the database: an evaluation answers with a signed checkpoint that
 * is also appended to the checkpoint file; one is written every 50 entries too. Cutting entries off the
 * end and rewriting the head row to match, which the chain alone cannot notice, fails verification
 * against the file's latest checkpoint and against the one the evaluation answered with.
 */
@MicronautTest(transactional = false)
class AuditCheckpointIT extends IntegrationTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    AuditCheckpoints checkpoints;
    @Inject
    com.trustwatch.outbox.Dispatcher dispatcher;

    Api api;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("trustwatch.audit.checkpoint-every", "50");
    }

    @BeforeAll
    void setUp() {
        api = new Api(http.toBlocking());
    }

    /** The demo book evaluated on 20 November; what the evaluation answered. */
    private Api.Reply anEvaluation() {
        return given().theDemoRoster().evaluate("2026-11-20");
    }

    /** The checkpoint token an evaluation of the demo book answered with, its messages sent (nothing more is appended). */
    @SuppressWarnings("unchecked")
    private String anEvaluationsCheckpoint() {
        String token = (String) ((Map<String, Object>) anEvaluation().json().get("auditCheckpoint")).get("token");
        dispatcher.dispatchNow(); // waits for the pass the evaluation started: nothing is appended while a test tampers
        return token;
    }

    Path file() {
        return Path.of(checkpointProperties().get("trustwatch.audit.checkpoint-file"));
    }

    @Test
    @DisplayName("an evaluation answers with a signed checkpoint of the chain as it ended, the same one is in the checkpoint file, and there is one at least every 50 entries")
    @SuppressWarnings("unchecked")
    void evaluationEndsWithCheckpoint() throws Exception {
        Map<String, Object> evaluation = anEvaluation().json();
        Map<String, Object> cp = (Map<String, Object>) evaluation.get("auditCheckpoint");
        assertThat(cp).isNotNull();
        String evaluationCheckpoint = (String) cp.get("token");
        long seq = ((Number) cp.get("seq")).longValue();
        assertThat(single("SELECT kind FROM audit_entry WHERE seq = " + seq)).as("the run's last entry")
                .isEqualTo("EVALUATION_FINISHED");
        assertThat(cp.get("hash")).isEqualTo(single("SELECT hash FROM audit_entry WHERE seq = " + seq));
        long entries = count("SELECT COUNT(*) FROM audit_entry"); // the dispatcher may have added its SENT entries since
        List<String> lines = Files.readAllLines(file());
        assertThat(lines).contains(evaluationCheckpoint);
        List<Checkpoint> all = lines.stream().map(Checkpoint::parse).toList();
        assertThat(all).allSatisfy(c -> assertThat(checkpoints.signedHere(c)).isTrue());
        for (long boundary = 50; boundary <= entries; boundary += 50) {
            long b = boundary;
            assertThat(all).as("a checkpoint within 50 entries after entry %d", b)
                    .anySatisfy(c -> assertThat(c.seq()).isBetween(b, b + 49));
        }
        Map<String, Object> verdict = api.get("ethics", "/api/audit/verify").json();
        assertThat(verdict).containsEntry("valid", true).containsEntry("checkpointSource", "file");
        assertThat(api.get(null, "/api/audit/verify").status()).isEqualTo(401);
        assertThat(api.postJson("billing", "/api/audit/checkpoints", Map.of()).status()).isEqualTo(403);
    }

    @Test
    @DisplayName("a checkpoint that was altered or made up is refused with 422 naming the field")
    void forgedCheckpointRefused() {
        String evaluationCheckpoint = anEvaluationsCheckpoint();
        String forged = evaluationCheckpoint.replaceFirst("^twcp1\\.(\\d+)\\.", "twcp1.1.");
        Api.Reply reply = api.get("ethics", "/api/audit/verify?checkpoint=" + URLEncoder.encode(forged, StandardCharsets.UTF_8));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().toString()).contains("checkpoint").contains("signature");
        assertThat(api.postJson("ethics", "/api/audit/verify", Map.of("checkpoint", "garbage")).status()).isEqualTo(422);
    }

    @Test
    @DisplayName("deleting the last entries and rewriting the head row passes the chain check but not the checkpoint: the file's, the evaluation's (GET and POST)")
    void shortenedChainIsCaught() throws Exception {
        String evaluationCheckpoint = anEvaluationsCheckpoint();
        long keep = Checkpoint.parse(evaluationCheckpoint).seq() - 3; // the evaluation's last three entries and all after
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_entry WHERE seq > " + keep);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE audit_head SET last_seq = ?, last_hash = (SELECT hash FROM audit_entry WHERE seq = ?) WHERE id = 1")) {
                ps.setLong(1, keep);
                ps.setLong(2, keep);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
        Map<String, Object> fromFile = api.get("ethics", "/api/audit/verify").json();
        assertThat(fromFile).containsEntry("valid", false).containsEntry("checkpointSource", "file");
        assertThat((String) fromFile.get("problem")).contains("entries were removed from the end and the head rewritten");
        assertThat(((Number) fromFile.get("firstBrokenSeq")).longValue()).isEqualTo(keep + 1);

        Map<String, Object> given = api.get("ethics", "/api/audit/verify?checkpoint="
                + URLEncoder.encode(evaluationCheckpoint, StandardCharsets.UTF_8)).json();
        assertThat(given).containsEntry("valid", false).containsEntry("checkpointSource", "given");
        Map<String, Object> posted = api.postJson("ethics", "/api/audit/verify", Map.of("checkpoint", evaluationCheckpoint)).json();
        assertThat(posted).containsEntry("valid", false);
    }

    @Test
    @DisplayName("a chain cut short and then grown back past the checkpoint with freshly hashed entries is caught at the checkpoint's entry")
    void rewrittenChainIsCaught() throws Exception {
        String evaluationCheckpoint = anEvaluationsCheckpoint();
        Checkpoint anchor = Checkpoint.parse(evaluationCheckpoint);
        long keep = Math.min(anchor.seq() - 3, count("SELECT COUNT(*) FROM audit_entry"));
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_entry WHERE seq > " + keep);
            String prev = single("SELECT hash FROM audit_entry WHERE seq = " + keep);
            LocalDateTime at = LocalDateTime.of(2026, 11, 20, 9, 0);
            long seq = keep;
            for (int i = 0; i < 10; i++) {
                seq++;
                AuditEntry fake = new AuditEntry(seq, at, AuditKind.MATTER_SAVED, "M-2024-0847", null, null, null, null,
                        "intruder", "nothing to see", prev, null);
                String hash = AuditLog.hash(fake);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entry (seq, recorded_at, kind,"
                        + " matter_number, actor, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, seq);
                    ps.setObject(2, at);
                    ps.setString(3, fake.kind().name());
                    ps.setString(4, fake.matterNumber());
                    ps.setString(5, fake.actor());
                    ps.setString(6, fake.detail());
                    ps.setString(7, prev);
                    ps.setString(8, hash);
                    ps.executeUpdate();
                }
                prev = hash;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                ps.setLong(1, seq);
                ps.setString(2, prev);
                ps.executeUpdate();
            }
        }
        Map<String, Object> verdict = api.get("ethics", "/api/audit/verify?checkpoint="
                + URLEncoder.encode(evaluationCheckpoint, StandardCharsets.UTF_8)).json();
        assertThat(verdict).containsEntry("valid", false);
        assertThat(((Number) verdict.get("firstBrokenSeq")).longValue()).isEqualTo(anchor.seq());
        assertThat((String) verdict.get("problem")).contains("rewritten");
    }

    private String single(String sql) throws Exception {
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
