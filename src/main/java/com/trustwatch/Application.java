package com.trustwatch;

import io.micronaut.runtime.Micronaut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/** Starts Trustwatch. With {@code --demo}, starts the newcomer demo on a fresh embedded database. */
public class Application {

    public static void main(String[] args) throws IOException {
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
