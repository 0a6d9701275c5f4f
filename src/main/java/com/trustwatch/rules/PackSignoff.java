package com.trustwatch.rules;

import io.micronaut.serde.annotation.Serdeable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ethics counsel's sign-off of a compliance pack, bound to the pack's exact text: the SHA-256 of the
 * DRL file and, for a jurisdiction pack, of its obligations table (line endings normalised; see
 * {@link #digest(String, String)}). A pack changed after its sign-off shows as CHANGED_SINCE_SIGNOFF
 * until someone reviews it again. Sign-offs are lines of {@code rules/compliance/signoffs.csv}
 * ({@code pack,sha256,reviewer,signed_on,note}), committed like any other change, so the history of
 * who approved which text lives in version control.
 */
@Serdeable
public record PackSignoff(String pack, String table, String sha256, int rules, int rows, String status,
                          String reviewer, String signedOn, String note) {

    public static final String SIGNED_OFF = "SIGNED_OFF";
    public static final String CHANGED = "CHANGED_SINCE_SIGNOFF";
    public static final String NOT_SIGNED_OFF = "NOT_SIGNED_OFF";
    static final String FILE = "compliance/signoffs.csv";

    /**
     * The status of every compliance pack under {@code rulesDir}.
     *
     * @param tables the obligations tables' text, by path inside the rules folder
     */
    static List<PackSignoff> of(Path rulesDir, Map<String, String> drlFiles, Map<String, String> tables,
                                List<RuleEntry> catalogue, com.trustwatch.decision.Obligations obligations) {
        Map<String, List<CSVRecord>> byPack = new LinkedHashMap<>();
        Path file = rulesDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                        .setIgnoreEmptyLines(true).setTrim(true).get().parse(in)) {
                    byPack.computeIfAbsent(r.get("pack"), k -> new ArrayList<>()).add(r);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalArgumentException e) {
                throw new RulesetException(List.of("rules/" + FILE + ": " + e.getMessage()
                        + " (expected the columns pack,sha256,reviewer,signed_on,note)"));
            }
        }
        List<PackSignoff> out = new ArrayList<>();
        drlFiles.forEach((relative, text) -> {
            if (!relative.startsWith("compliance/")) {
                return;
            }
            String pack = relative.substring("compliance/".length());
            String tablePath = ObligationTables.tableOf(relative);
            String tableText = tablePath == null ? null : tables.get(tablePath);
            String table = tableText == null ? null : tablePath.substring("compliance/".length());
            String digest = tableText == null ? digest(text) : digest(text, tableText);
            int rules = (int) catalogue.stream().filter(e -> ("rules/" + relative).equals(e.source())).count();
            int rows = table == null ? 0 : (int) obligations.all().stream()
                    .filter(o -> o.file().equals("rules/" + tablePath)).count();
            List<CSVRecord> signoffs = byPack.getOrDefault(pack, List.of());
            CSVRecord current = signoffs.stream().filter(r -> r.get("sha256").equalsIgnoreCase(digest))
                    .reduce((a, b) -> b).orElse(null);
            if (current != null) {
                out.add(new PackSignoff(pack, table, digest, rules, rows, SIGNED_OFF, current.get("reviewer"),
                        current.get("signed_on"), current.get("note")));
            } else if (!signoffs.isEmpty()) {
                CSVRecord last = signoffs.get(signoffs.size() - 1);
                out.add(new PackSignoff(pack, table, digest, rules, rows, CHANGED, last.get("reviewer"), last.get("signed_on"),
                        "changed since this sign-off; review the change and sign off the new text"));
            } else {
                out.add(new PackSignoff(pack, table, digest, rules, rows, NOT_SIGNED_OFF, null, null, null));
            }
        });
        return out;
    }

    /** SHA-256 of a pack without a table (the common pack) with line endings normalised, so a checkout on Windows agrees. */
    public static String digest(String text) {
        return sha256(text.replace("\r\n", "\n"));
    }

    /**
     * SHA-256 of a jurisdiction pack: its DRL text, a line {@code ==== obligations ====}, then its
     * table's text, line endings normalised. Changing either file changes the digest, so a sign-off
     * covers the rules and the rows they read.
     */
    public static String digest(String drl, String table) {
        String d = drl.replace("\r\n", "\n");
        return sha256(d + (d.endsWith("\n") ? "" : "\n") + "==== obligations ====\n" + table.replace("\r\n", "\n"));
    }

    private static String sha256(String text) {
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
