package com.trustwatch.rules;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shipped default policy, as CSV files that mirror each sheet row for row
 * ({@code src/test/resources/decision-tables/<sheet>.csv}). The tests read the shipped workbooks
 * and compare them with these mirrors; {@link #main} rewrites the workbooks from the mirrors when a
 * developer changes the default policy or the layout.
 */
public final class DefaultWorkbooks {

    static final Path MIRRORS = Path.of("src/test/resources/decision-tables");

    private DefaultWorkbooks() {
    }

    static String mirrorFile(TableTemplate template) {
        if (template.isTests()) {
            return template.workbook().replace(".xlsx", "") + "-tests.csv";
        }
        return template.sheet().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".csv";
    }

    /** The mirror rows of a sheet, as typed (header row checked against the template). */
    static List<List<String>> mirrorRows(TableTemplate template) throws IOException {
        Path file = MIRRORS.resolve(mirrorFile(template));
        try (Reader in = Files.newBufferedReader(file)) {
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(in).getRecords();
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord r : records) {
                rows.add(new ArrayList<>(r.toList()));
            }
            return rows;
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "decision-tables");
        Map<String, Map<String, List<List<String>>>> byWorkbook = new LinkedHashMap<>();
        for (TableTemplate t : ApprovedTables.ALL) {
            byWorkbook.computeIfAbsent(t.workbook(), k -> new LinkedHashMap<>()).put(t.sheet(), mirrorRows(t));
        }
        for (TableTemplate t : ApprovedTables.TESTS) {
            if (Files.exists(MIRRORS.resolve(mirrorFile(t)))) {
                byWorkbook.get(t.workbook()).put(t.sheet(), mirrorRows(t));
            }
        }
        WorkbookWriter writer = new WorkbookWriter();
        for (var e : byWorkbook.entrySet()) {
            Files.write(out.resolve(e.getKey()), writer.write(e.getKey(), e.getValue()));
            System.out.println("wrote " + out.resolve(e.getKey()));
        }
    }
}
