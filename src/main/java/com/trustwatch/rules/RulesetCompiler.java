package com.trustwatch.rules;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks and compiles sets of decision-table workbooks against the rules folder (DRL and rule
 * templates). Compiled rulesets are kept by fingerprint, in memory (a few) and in the compiled-ruleset
 * cache on disk, so activating a version again, rolling back or restarting does not recompile.
 */
@Singleton
public class RulesetCompiler {

    private static final int KEPT = 8;

    private final RulesSettings settings;
    private final Map<String, Ruleset> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ruleset> eldest) {
            return size() > KEPT;
        }
    };

    public RulesetCompiler(RulesSettings settings) {
        this.settings = settings;
    }

    /** The approved workbooks' file names. */
    public static List<String> workbookNames() {
        return ApprovedTables.WORKBOOKS;
    }

    /** The largest workbook file accepted, in bytes. */
    public static int maxWorkbookBytes() {
        return WorkbookSafety.MAX_FILE_BYTES;
    }

    /** Every problem of one file on its own (format, size, zip bomb, macros, XXE); empty when it may be read. */
    public static List<String> fileProblems(String name, byte[] content) {
        return WorkbookSafety.check(name, content);
    }

    /** The shipped workbooks of the decision-tables folder, by file name. */
    public Map<String, byte[]> shippedWorkbooks() {
        Map<String, byte[]> out = new TreeMap<>();
        for (String name : ApprovedTables.WORKBOOKS) {
            Path file = Path.of(settings.tablesDir()).resolve(name);
            try {
                out.put(name, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new RulesetException(List.of("decision table not found: " + file.toAbsolutePath()));
            }
        }
        return out;
    }

    /** Reads and checks a complete set of workbooks; throws {@link RulesetException} with every problem. */
    public CheckedWorkbooks check(Map<String, byte[]> workbooks) {
        return builder(workbooks).lint();
    }

    /** Compiles a complete set of workbooks with the rules folder, or returns the ruleset already compiled from them. */
    public Ruleset compile(Map<String, byte[]> workbooks) {
        RulesetBuilder builder = builder(workbooks);
        String fingerprint = builder.fingerprint();
        synchronized (compiled) {
            Ruleset kept = compiled.get(fingerprint);
            if (kept != null) {
                return kept;
            }
        }
        Ruleset built = builder.build();
        synchronized (compiled) {
            compiled.put(built.fingerprint(), built);
        }
        return built;
    }

    /**
     * The SHA-256 of every DRL file, obligations table and rule template in the rules folder, one "path sha256" line each:
     * what a version records of the rules it was checked with.
     */
    public String rulesManifest() {
        Path dir = Path.of(settings.rulesDir());
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".drl") || f.toString().endsWith(".drt")
                    || f.toString().endsWith(".obligations.csv")).sorted().toList()) {
                out.append("rules/").append(dir.relativize(p).toString().replace('\\', '/')).append(' ')
                        .append(sha256(Files.readAllBytes(p))).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The SHA-256 of {@code content}, in hex. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private RulesetBuilder builder(Map<String, byte[]> workbooks) {
        RulesetBuilder builder = new RulesetBuilder(Path.of(settings.rulesDir()), Path.of(settings.tablesDir()));
        workbooks.forEach(builder::withWorkbook);
        if (settings.cacheDir() != null && !settings.cacheDir().isBlank()) {
            builder.cachingIn(Path.of(settings.cacheDir()));
        }
        return builder;
    }
}
