package com.trustwatch.rules;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tier-thresholds and severity-bands tables as they shipped when the table checks' cases were written
 * and the LibreOffice copies saved ({@code src/test/resources/decision-tables/fixed/<sheet>.csv}). The cases
 * that edit a table and expect a message naming its neighbouring rows (TableChecksTest), and the
 * LibreOffice comparison, start from these rather than from the shipped defaults, so that a billing
 * manager's change to a default value changes none of them. Never update these files to follow a default.
 */
final class FixedTables {

    static final Path DIR = DefaultWorkbooks.MIRRORS.resolve("fixed");
    /** Header on row 4, data from row 5, as in the shipped workbooks. */
    private static final int FIRST_DATA_ROW = 5;

    private FixedTables() {
    }

    /** The fixed rows of every sheet that has a file here, typed as the service reads them. */
    static Map<TableTemplate, List<TableRow>> rows() {
        Map<TableTemplate, List<TableRow>> tables = new LinkedHashMap<>();
        for (TableTemplate sheet : ApprovedTables.ALL) {
            if (!Files.exists(file(sheet))) {
                continue;
            }
            List<TableRow> rows = new ArrayList<>();
            List<Map<String, String>> values = DefaultWorkbooks.values(sheet, typed(sheet));
            for (int r = 0; r < values.size(); r++) {
                rows.add(new TableRow(FIRST_DATA_ROW + r, values.get(r)));
            }
            tables.put(sheet, rows);
        }
        return tables;
    }

    /** {@code workbook} (tier-thresholds.xlsx or severity-bands.xlsx) written from the fixed rows. */
    static byte[] workbook(String workbook) {
        Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
        for (TableTemplate sheet : ApprovedTables.ALL) {
            if (sheet.workbook().equals(workbook)) {
                sheets.put(sheet.sheet(), typed(sheet));
            }
        }
        return new WorkbookWriter().write(workbook, sheets);
    }

    private static Path file(TableTemplate sheet) {
        return DIR.resolve(DefaultWorkbooks.mirrorFile(sheet));
    }

    private static List<List<String>> typed(TableTemplate sheet) {
        try (Reader in = Files.newBufferedReader(file(sheet))) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                rows.add(new ArrayList<>(r.toList()));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(sheet), e);
        }
    }
}
