package com.trustwatch.lifecycle;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package step leaves the class-data-sharing archive next to the jar, and the JVM maps it with the
 * launch command of docs/operations.md: the archive matches the jar at the path the guide uses, and it
 * holds the classes a start and a first evaluation load (the training run served one), not only those
 * of a bare start.
 */
class ClassDataArchiveIT {

    private static final Path JAR = Path.of(System.getProperty("trustwatch.test.jar",
            "target/trustwatch-0.1.0-SNAPSHOT.jar"));
    private static final Path ARCHIVE = JAR.resolveSibling(JAR.getFileName().toString().replaceFirst("\\.jar$", ".jsa"));

    @Test
    @DisplayName("the package step writes the jar's class-data archive, and the documented launch command maps it with the classes of a first evaluation")
    void archiveMatchesTheJarAndHoldsTheFirstEvaluationsClasses() throws Exception {
        assertThat(ARCHIVE).as("the archive the package step makes (not built with -Dcds.skip?)").exists();
        assertThat(Files.getLastModifiedTime(ARCHIVE)).as("the archive is as new as its jar")
                .isGreaterThanOrEqualTo(Files.getLastModifiedTime(JAR));

        // -Xshare:on: the JVM refuses to start instead of quietly running without an archive it cannot map
        Run run = java("-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:on", "-XX:+PrintSharedArchiveAndExit",
                "-jar", JAR.toString());

        assertThat(run.exit()).as("exit status; output:\n" + run.tail()).isZero();
        assertThat(run.output()).as("the classes of the archive").contains(
                "com.trustwatch.Application ",
                // the server and the HTTP call
                "io.micronaut.http.server.netty.NettyHttpServer ",
                "com.trustwatch.evaluation.EvaluationController ",
                // the database: migrations, reading the book, recording
                "org.flywaydb.core.Flyway ",
                "com.trustwatch.evaluation.EvaluateMatters ",
                "com.trustwatch.evaluation.RecordChunk ",
                // the rules session and planning, and the warm-up that runs them at start
                "com.trustwatch.rules.RuleEngine ",
                "org.drools.kiesession.session.StatefulKnowledgeSessionImpl ",
                "com.trustwatch.action.ActionPlanner ",
                "com.trustwatch.lifecycle.WarmUp ");
    }

    @Test
    @DisplayName("a jar that is not the archive's own is refused by the archive, so a stale archive is never used")
    void anotherJarIsNotMapped() throws Exception {
        Path copy = Files.createTempDirectory("trustwatch-cds-").resolve("other.jar");
        Files.copy(JAR, copy);

        Run run = java("-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:on", "-XX:+PrintSharedArchiveAndExit",
                "-jar", copy.toString());

        assertThat(run.exit()).as("exit status; output:\n" + run.tail()).isNotZero();
        assertThat(run.output()).contains("shared class paths mismatch");
    }

    private record Run(int exit, String output) {
        String tail() {
            return output.length() <= 3000 ? output : output.substring(output.length() - 3000);
        }
    }

    private static Run java(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("java did not end: " + command);
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
