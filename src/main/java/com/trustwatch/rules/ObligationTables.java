package com.trustwatch.rules;

import com.trustwatch.decision.Obligation;
import com.trustwatch.decision.Obligations;
import com.trustwatch.decision.Severity;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads each jurisdiction pack's obligations table, {@code rules/compliance/<pack>.obligations.csv}:
 * the rows counsel signs off with the pack's DRL file (one rule of the common pack reads them for
 * every jurisdiction). Every state pack and the default pack ({@code aba.drl}) has one; the common
 * pack has none. A table is refused, with its file, line and column named, when a header is unknown
 * or missing, a value is not of its column's kind, or the pack lacks a row it must state.
 *
 * <p>Columns: {@code obligation} (negative-ledger, reconciliation, receipt-notice, record-retention),
 * {@code period} ("31 days" for reconciliation and receipt notice, "5 years" for record retention,
 * empty for a negative ledger), {@code severity} (LOW … CRITICAL, for reconciliation and receipt notice),
 * {@code citation}, {@code source} (URLs), {@code confidence} (verified, secondary, unverified),
 * {@code says} (the sentence a flag's reason quotes; {@code {state}} names the matter's jurisdiction)
 * and {@code note} (for counsel).
 */
final class ObligationTables {

    static final String SUFFIX = ".obligations.csv";
    static final List<String> HEADERS = List.of("obligation", "period", "severity", "citation", "source",
            "confidence", "says", "note");
    static final Set<String> CONFIDENCES = Set.of("verified", "secondary", "unverified");
    private static final Pattern PERIOD = Pattern.compile("(\\d{1,4})\\s+(day|days|year|years)");
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /** The tables as read: their text by path inside the rules folder, and every row. */
    record Read(Map<String, String> texts, Obligations obligations) {
    }

    private ObligationTables() {
    }

    /**
     * The table file that belongs to the pack file {@code compliance/us-ca.drl}, or null for a pack that
     * is not a jurisdiction's: the common pack and a pack of one concern across jurisdictions
     * ({@code uncleared-funds.drl}). A jurisdiction's pack is {@code aba.drl} or {@code xx-yy.drl}.
     */
    static String tableOf(String packFile) {
        if (!packFile.startsWith("compliance/") || !packFile.endsWith(".drl") || packFile.equals("compliance/common.drl")
                || !packFile.matches("compliance/(aba|[a-z]{2}-[a-z]{2})\\.drl")) {
            return null;
        }
        return packFile.substring(0, packFile.length() - ".drl".length()) + SUFFIX;
    }

    /** {@code US-CA} for {@code compliance/us-ca.obligations.csv}; {@code ABA} for the default pack's table. */
    static String jurisdictionOf(String tableFile) {
        String base = tableFile.substring("compliance/".length(), tableFile.length() - SUFFIX.length());
        return base.toUpperCase(Locale.ROOT);
    }

    static Read read(Path rulesDir, Map<String, String> drlFiles, List<String> problems) {
        Map<String, String> texts = new TreeMap<>();
        Path folder = rulesDir.resolve("compliance");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                    texts.put("compliance/" + p.getFileName(), Files.readString(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String table : texts.keySet()) {
            String pack = table.substring(0, table.length() - SUFFIX.length()) + ".drl";
            if (!drlFiles.containsKey(pack)) {
                problems.add("rules/" + table + ": there is no pack rules/" + pack + " beside it; a table belongs to one pack");
            }
        }
        for (String pack : drlFiles.keySet()) {
            String table = tableOf(pack);
            if (table != null && !texts.containsKey(table)) {
                problems.add("rules/" + pack + ": the pack has no obligations table rules/" + table
                        + " (its reconciliation period, notice on receipt, negative-ledger citation and record retention)");
            }
        }
        List<Obligation> rows = new ArrayList<>();
        texts.forEach((file, text) -> rows.addAll(parse(file, text, problems)));
        return new Read(texts, new Obligations(rows));
    }

    /** The rows of one table; problems are added to {@code problems} and the bad rows left out. */
    static List<Obligation> parse(String file, String text, List<String> problems) {
        String where = "rules/" + file;
        String jurisdiction = jurisdictionOf(file);
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get().parse(new StringReader(text.replace("\r\n", "\n")))) {
            List<String> headers = parser.getHeaderNames();
            for (String h : headers) {
                if (!HEADERS.contains(h)) {
                    problems.add(where + ":1: unknown column '" + h + "' (the columns are " + String.join(", ", HEADERS) + ")");
                }
            }
            for (String h : HEADERS) {
                if (!headers.contains(h)) {
                    problems.add(where + ":1: the column '" + h + "' is missing");
                }
            }
            if (!new HashSet<>(headers).containsAll(HEADERS)) {
                return List.of();
            }
            int rowProblems = problems.size();
            long line = parser.getCurrentLineNumber() + 1;
            for (Iterator<CSVRecord> it = parser.iterator(); it.hasNext(); ) {
                CSVRecord r = it.next();
                Row row = row(where, (int) line, jurisdiction, r, problems);
                if (row != null) {
                    rows.add(row);
                }
                line = parser.getCurrentLineNumber() + 1;
            }
            if (problems.size() > rowProblems) {
                // a refused row would also read as a missing one; name only what is wrong in it
                return List.of();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(where + ": not a readable CSV table (" + e.getMessage() + ")");
            return List.of();
        }
        return complete(where, file, jurisdiction, rows, problems);
    }

    /** One checked row, before the pack's stages are known. */
    private record Row(Obligation.Kind kind, Integer days, Integer years, Severity severity, String citation,
                       String source, String confidence, String says, String note, int line) {
    }

    private static Row row(String where, int line, String jurisdiction, CSVRecord r, List<String> problems) {
        int before = problems.size();
        String at = where + ":" + line + ": ";
        String obligation = r.get("obligation");
        Obligation.Kind kind = null;
        for (Obligation.Kind k : Obligation.Kind.values()) {
            if (k.label().equals(obligation)) {
                kind = k;
            }
        }
        if (kind == null) {
            problems.add(at + "obligation '" + obligation + "' is not one of negative-ledger, reconciliation, "
                    + "receipt-notice, record-retention");
            return null;
        }
        Integer days = null;
        Integer years = null;
        String period = r.get("period");
        Matcher m = PERIOD.matcher(period);
        boolean wantsDays = kind == Obligation.Kind.RECONCILIATION || kind == Obligation.Kind.RECEIPT_NOTICE;
        if (kind == Obligation.Kind.NEGATIVE_LEDGER) {
            if (!period.isEmpty()) {
                problems.add(at + "period: a negative ledger has no period; leave the cell empty");
            }
        } else if (!m.matches()) {
            problems.add(at + "period '" + period + "' is not " + (wantsDays ? "a number of days, such as '31 days'"
                    : "a number of years, such as '5 years'"));
        } else if (wantsDays != m.group(2).startsWith("day")) {
            problems.add(at + "period '" + period + "': " + kind.label() + " is counted in "
                    + (wantsDays ? "days" : "years"));
        } else if (wantsDays) {
            days = Integer.parseInt(m.group(1));
        } else {
            years = Integer.parseInt(m.group(1));
        }
        Severity severity = null;
        String sev = r.get("severity");
        if (wantsDays) {
            try {
                severity = Severity.valueOf(sev);
            } catch (IllegalArgumentException e) {
                problems.add(at + "severity '" + sev + "' is not one of LOW, MEDIUM, HIGH, CRITICAL");
            }
        } else if (!sev.isEmpty()) {
            problems.add(at + "severity: " + (kind == Obligation.Kind.NEGATIVE_LEDGER
                    ? "a negative ledger is always CRITICAL (rule CM-001); leave the cell empty"
                    : "record retention raises no flag; leave the cell empty"));
        }
        String citation = required(at, r, "citation", problems);
        String source = required(at, r, "source", problems);
        if (source != null) {
            for (String url : source.split("\\s+")) {
                if (!URL.matcher(url).matches()) {
                    problems.add(at + "source '" + url + "' is not a web address (http:// or https://)");
                }
            }
        }
        String confidence = r.get("confidence");
        if (!CONFIDENCES.contains(confidence)) {
            problems.add(at + "confidence '" + confidence + "' is not one of verified, secondary, unverified");
        }
        String says = r.get("says");
        if (wantsDays && says.isEmpty()) {
            problems.add(at + "says: the sentence a flag quotes is required for " + kind.label());
        }
        if (problems.size() > before) {
            return null;
        }
        return new Row(kind, days, years, severity, citation, source, confidence, says.isEmpty() ? null : says,
                r.get("note").isEmpty() ? null : r.get("note"), line);
    }

    private static String required(String at, CSVRecord r, String column, List<String> problems) {
        String v = r.get(column);
        if (v.isEmpty()) {
            problems.add(at + column + " is required");
            return null;
        }
        return v;
    }

    /** Checks that the pack states each obligation (reconciliation in distinct stages) and orders the stages. */
    private static List<Obligation> complete(String where, String file, String jurisdiction, List<Row> rows,
                                             List<String> problems) {
        Map<Obligation.Kind, List<Row>> byKind = new EnumMap<>(Obligation.Kind.class);
        rows.forEach(r -> byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r));
        for (Obligation.Kind kind : Obligation.Kind.values()) {
            List<Row> of = byKind.getOrDefault(kind, List.of());
            if (of.isEmpty()) {
                problems.add(where + ": the pack states no " + kind.label() + " row");
            } else if (kind != Obligation.Kind.RECONCILIATION && of.size() > 1) {
                problems.add(where + ":" + of.get(1).line() + ": a second " + kind.label() + " row; a pack states one");
            }
        }
        List<Row> stages = new ArrayList<>(byKind.getOrDefault(Obligation.Kind.RECONCILIATION, List.of()));
        stages.sort(Comparator.comparing(Row::days));
        for (int i = 1; i < stages.size(); i++) {
            if (stages.get(i).days().equals(stages.get(i - 1).days())) {
                problems.add(where + ":" + stages.get(i).line() + ": two reconciliation stages after "
                        + stages.get(i).days() + " days; give each stage its own period");
            }
        }
        Map<Row, Integer> until = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            until.put(stages.get(i), i + 1 < stages.size() ? stages.get(i + 1).days() : null);
        }
        List<Obligation> out = new ArrayList<>();
        for (Row r : rows) {
            boolean staged = r.kind() == Obligation.Kind.RECONCILIATION && stages.size() > 1;
            out.add(new Obligation(jurisdiction, r.kind(), r.days(), until.get(r), r.years(), r.severity(),
                    r.citation(), r.source(), r.confidence(), r.says(), r.note(), "rules/" + file, r.line(), staged));
        }
        return out;
    }
}
