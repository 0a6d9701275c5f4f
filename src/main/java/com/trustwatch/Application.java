package com.trustwatch;

import com.trustwatch.security.HashPasswordCommand;
import io.micronaut.runtime.Micronaut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts Trustwatch. With {@code --demo}, starts the newcomer demo on a fresh embedded database.
 * {@code hash-password} only prints a bcrypt hash of a password read from standard input
 * ({@link HashPasswordCommand}) and exits.
 */
public class Application {

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && HashPasswordCommand.NAME.equals(args[0])) {
            System.exit(HashPasswordCommand.run(System.console(), System.in, System.out, System.err));
        }
        boolean demo = Arrays.asList(args).contains("--demo");
        if (demo) {
            wipe(Path.of("target", "demo"));
        }
        var builder = Micronaut.build(args).mainClass(Application.class).banner(false);
        if (demo) {
            builder.environments("demo");
        }
        builder.start();
    }

    private static void wipe(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
