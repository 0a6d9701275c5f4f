package com.trustwatch.evaluation;

import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler recipe of docs/operations.md, as an operator runs it: the script
 * docs/deploy/trigger-evaluation.sh (sh and curl) against the service, on the demo book.
 */
@MicronautTest(transactional = false)
class SchedulerRecipeIT extends IntegrationTest {

    static final Path SCRIPT = Path.of("docs/deploy/trigger-evaluation.sh");
    static final String BODY = "{\"asOf\": \"2026-11-20\"}";
    static final String KEY = "scheduled-2026-11-20T08";

    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ChunkGate gate;

    @Override
    protected Map<String, String> extraProperties() {
        // the single path: its gate holds a recorded chunk, and with it the book, until the test opens it; on
        // the leased path a chunk held at the gate by a second worker no longer holds the run (it is DONE once
        // the chunk commits), so "another run holds the book" would depend on which worker took the chunk
        return Map.of("spec.name", "SchedulerRecipeIT", "trustwatch.evaluation.partitioned", "false");
    }

    /** What the script printed, and how it exited. */
    record Run(int exit, String output) {
    }

    @BeforeAll
    void loadTheDemoBook() throws Exception {
        assertThat(new Api(http.toBlocking()).postCsv("billing", "/api/matters/import", demoRoster()).status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("the script triggers without waiting, follows the evaluation to DONE and exits 0")
    void followsToDone() throws Exception {
        Run run = script(BODY, KEY);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("following http://localhost:" + server.getPort() + "/api/evaluations/")
                .contains("(Idempotency-Key " + KEY + ")").containsPattern("DONE 12 of 12 matters\\s*$");
        assertThat(count("SELECT COUNT(*) FROM evaluation WHERE idempotency_key = '" + KEY + "' AND status = 'DONE'"))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("retried with the same key (the same hour), the script follows the same evaluation and nothing new runs")
    void retryFollowsTheSameRun() throws Exception {
        assertThat(script(BODY, KEY).exit()).isZero();
        long before = count("SELECT COUNT(*) FROM evaluation");
        String id = single("SELECT id FROM evaluation WHERE idempotency_key = '" + KEY + "'");
        Run run = script(BODY, KEY);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("/api/evaluations/" + id + " ").contains("DONE 12 of 12 matters");
        assertThat(count("SELECT COUNT(*) FROM evaluation")).isEqualTo(before);
    }

    @Test
    @DisplayName("the same key with another request is refused: the script says so and exits 1, nothing runs")
    void otherRequestSameKeyRefused() throws Exception {
        assertThat(script(BODY, KEY).exit()).isZero();
        long before = count("SELECT COUNT(*) FROM evaluation");
        Run run = script("{\"asOf\": \"2026-11-27\"}", KEY);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("trigger refused (422)").contains("Idempotency-Key");
        assertThat(count("SELECT COUNT(*) FROM evaluation")).isEqualTo(before);
    }

    @Test
    @DisplayName("while another evaluation holds the book the script says so, follows that one to its end, and exits 1: its own run did not happen")
    void anotherRunHoldsTheBook() throws Exception {
        Api api = new Api(http.toBlocking());
        long before = count("SELECT COUNT(*) FROM evaluation");
        gate.close();
        Process p;
        BufferedReader lines;
        StringBuilder output = new StringBuilder();
        try {
            Api.Reply running = api.postJson("admin", "/api/evaluations", Map.of("asOf", "2026-11-27"),
                    Map.of("Prefer", "respond-async"));
            assertThat(running.status()).isEqualTo(202);
            gate.awaitChunk(); // recorded, not ended: it holds the book
            p = start(BODY, "scheduled-2026-11-20T12");
            lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("following ")) {
                    assertThat(line).contains(running.header("Location"));
                    break;
                }
            }
            assertThat(output).contains("another evaluation holds the book").contains("one real evaluation of the book"
                    + " runs at a time");
        } finally {
            gate.open();
        }
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            output.append(line).append('\n');
        }
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the script ended: %s", output).isTrue();
        assertThat(p.exitValue()).as(output.toString()).isEqualTo(1);
        assertThat(output).contains("DONE 12 of 12 matters").contains("that run was not this trigger's: trigger again");
        assertThat(count("SELECT COUNT(*) FROM evaluation")).as("the refused trigger recorded nothing").isEqualTo(before + 1);
    }

    private Process start(String body, String key) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("TW_URL", "http://localhost:" + server.getPort(), "TW_USER", "scheduler",
                "TW_PASS", PASSWORD, "TW_BODY", body, "TW_KEY", key, "TW_POLL", "1", "TW_DEADLINE", "120"));
        return pb.start();
    }

    private Run script(String body, String key) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("TW_URL", "http://localhost:" + server.getPort(), "TW_USER", "scheduler",
                "TW_PASS", PASSWORD, "TW_BODY", body, "TW_KEY", key, "TW_POLL", "1", "TW_DEADLINE", "120"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the script ended: %s", output).isTrue();
        return new Run(p.exitValue(), output);
    }

    private String single(String sql) throws Exception {
        try (var c = db(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
