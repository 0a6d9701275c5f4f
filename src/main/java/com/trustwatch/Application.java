package com.trustwatch;

import com.trustwatch.demo.ParentWatch;
import com.trustwatch.lifecycle.ClassDataTraining;
import com.trustwatch.security.HashPasswordCommand;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts Trustwatch. With {@code --demo}, starts the newcomer demo on a fresh embedded database.
 * With {@code --cds-training}, makes the training run of the class-data-sharing archive on a throwaway
 * in-memory database and exits ({@link ClassDataTraining}). {@code hash-password} only prints a bcrypt hash of a password read from standard input
 * ({@link HashPasswordCommand}) and exits.
 */
@OpenAPIDefinition(info = @Info(title = "Trustwatch", version = "1",
        description = "Trust-retainer monitoring for law firms: the scheduler's trigger, the book, the trust ledger,"
                + " the audit trail, the rule catalogue, the exception queue and the outbox. Every call needs HTTP"
                + " Basic credentials; the roles allowed are listed as the scopes of each operation's basicAuth"
                + " requirement (SCHEDULER, BILLING_MANAGER, ETHICS_COUNSEL, ADMIN). Money is a decimal string"
                + " (\"1240.00\"), dates are ISO-8601. Refusals carry an ApiError body."))
public class Application {

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && HashPasswordCommand.NAME.equals(args[0])) {
            System.exit(HashPasswordCommand.run(System.console(), System.in, System.out, System.err));
        }
        String logFormat = System.getProperty("TRUSTWATCH_LOG_FORMAT", System.getenv("TRUSTWATCH_LOG_FORMAT"));
        if (logFormat != null && !logFormat.equals("text") && !logFormat.equals("json")) {
            // logback found no such layout and would log nothing at all: refuse to start instead
            System.err.println("TRUSTWATCH_LOG_FORMAT is '" + logFormat + "': it must be text or json (docs/operations.md, \"Logs\")");
            System.exit(2);
        }
        boolean demo = Arrays.asList(args).contains("--demo");
        if (demo) {
            // a fresh database and mail folder every run; the compiled-ruleset cache is kept, since it
            // depends only on the tables and rules (by fingerprint) and saves most of a first start
            wipe(Path.of("target", "demo"), Path.of("target", "demo", "ruleset-cache"));
            ParentWatch.exitWithParent();
        }
        boolean training = Arrays.asList(args).contains(ClassDataTraining.ARGUMENT);
        if (training) {
            ClassDataTraining.isolate();
        }
        var builder = Micronaut.build(args).mainClass(Application.class).banner(false);
        if (demo) {
            builder.environments("demo");
        }
        if (training) {
            builder.environments(ClassDataTraining.ENVIRONMENT);
        }
        builder.start();
    }

    /** Deletes everything under {@code folder} except {@code keep} and what it holds. */
    static void wipe(Path folder, Path keep) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.startsWith(keep) && !keep.startsWith(p)) {
                    Files.delete(p);
                }
            }
        }
    }
}
