package com.trustwatch.evaluation;

import com.trustwatch.matter.ImportRoster;
import com.trustwatch.outbox.Dispatcher;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer's setup, with no server installed: the same Flyway migration and repositories on H2
 * in MySQL mode, and mail written as .eml files to a folder.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedDefaultTest implements TestPropertyProvider {

    private Path mailFolder;

    @Inject
    ImportRoster importRoster;
    @Inject
    EvaluateMatters evaluate;
    @Inject
    Dispatcher dispatcher;

    @Override
    public Map<String, String> getProperties() {
        try {
            mailFolder = Files.createTempDirectory("trustwatch-mail-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "datasources.default.url", "jdbc:h2:mem:embedded-default;MODE=MySQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE",
                "trustwatch.mail.mode", "folder",
                "trustwatch.mail.folder", mailFolder.toString(),
                "trustwatch.mail.dispatch-interval", "1h");
    }

    @Test
    @DisplayName("on the embedded default, the demo roster evaluates and Henderson's request is written as an .eml file")
    void embeddedDefaultWritesMailToAFolder() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/demo/roster.csv")) {
            String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(",3240.00,5000.00,", ",1240.00,5000.00,");
            importRoster.importCsv(new java.io.StringReader(csv), "test");
        }
        EvaluationView view = evaluate.run(new EvaluationRequest(false, "2026-11-20", List.of("M-2024-0847")), "test");
        assertThat(view.actions()).extracting(EvaluationView.Action::type).contains("REPLENISHMENT_REQUEST");
        dispatcher.dispatchNow();

        List<String> mails;
        try (Stream<Path> files = Files.list(mailFolder)) {
            mails = files.filter(f -> f.toString().endsWith(".eml")).map(this::read).toList();
        }
        assertThat(mails).anySatisfy(m -> assertThat(m).contains("To: dana@henderson.example")
                .contains("$3,760.00").contains("Henderson Matter"));
        // evaluated again the same day: nothing new, nothing written twice
        EvaluationView again = evaluate.run(new EvaluationRequest(false, "2026-11-20", List.of("M-2024-0847")), "test");
        assertThat(again.actionsNew()).isZero();
        dispatcher.dispatchNow();
        try (Stream<Path> files = Files.list(mailFolder)) {
            assertThat(files.count()).isEqualTo(mails.size());
        }
    }

    private String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
