package com.trustwatch.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped workbooks, sheet by sheet: each equals its mirror CSV, each compiles to one rule per
 * data row (so no sheet or row is silently ignored), and each compiles to the DRL text committed under
 * {@code decision-tables/compiled/}, so a reviewer diffs text instead of binaries.
 * The test writes what the sheets compile to under {@code target/generated-docs/decision-tables/compiled/}
 * and never touches the committed files; {@code mvn -B -ntp -Pwrite-docs test} copies them into the tree.
 */
class ShippedTablesTest {

    static final Path TABLES = Path.of("decision-tables");
    static final Path COMPILED = TABLES.resolve("compiled");
    /** Where the tests write what the committed snapshot files should hold; the write-docs profile copies from here. */
    static final Path GENERATED = Path.of("target", "generated-docs");
    static final String REGENERATE = "mvn -B -ntp -Pwrite-docs test";
    static final String REWRITE_WORKBOOKS = "mvn -B -ntp -q test-compile dependency:build-classpath "
            + "-Dmdep.outputFile=target/test-classpath.txt && java -cp "
            + "\"target/test-classes:target/classes:$(cat target/test-classpath.txt)\" com.trustwatch.rules.DefaultWorkbooks";

    static Stream<Arguments> sheets() {
        return ApprovedTables.ALL.stream().map(t -> Arguments.of(Named.of(t.workbook() + " › " + t.sheet(), t)));
    }

    /** The rows of every shipped sheet, read the way the service reads them. */
    private static Map<TableTemplate, List<TableRow>> shippedRows() throws IOException {
        Map<TableTemplate, List<TableRow>> rows = new LinkedHashMap<>();
        DecisionTableReader reader = new DecisionTableReader();
        for (String workbook : ApprovedTables.ALL.stream().map(TableTemplate::workbook).distinct().toList()) {
            rows.putAll(reader.read(workbook, Files.readAllBytes(TABLES.resolve(workbook)),
                    ApprovedTables.ALL.stream().filter(t -> t.workbook().equals(workbook)).toList()));
        }
        return rows;
    }

    private static List<TableRow> shippedRows(TableTemplate sheet) throws IOException {
        return shippedRows().get(sheet);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sheets")
    @DisplayName("the shipped sheet holds exactly the rows of its mirror CSV")
    void sheetEqualsItsMirror(TableTemplate sheet) throws IOException {
        List<Map<String, String>> inWorkbook = shippedRows(sheet).stream().map(TableRow::values).toList();
        List<Map<String, String>> inMirror = DefaultWorkbooks.mirrorValues(sheet);
        assertThat(inWorkbook).as("%s › %s against %s: they must hold the same rows. If the mirror is right, rewrite "
                        + "the workbooks from the mirrors with `%s`; if the workbook is right, update the mirror",
                sheet.workbook(), sheet.sheet(), DefaultWorkbooks.MIRRORS.resolve(DefaultWorkbooks.mirrorFile(sheet)),
                REWRITE_WORKBOOKS).containsExactlyElementsOf(inMirror);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sheets")
    @DisplayName("the shipped sheet compiles to one rule per data row, with the row's id, name and row number")
    void oneRulePerRow(TableTemplate sheet) throws IOException {
        List<TableRow> rows = shippedRows(sheet);
        List<RuleEntry> rules = RulesHarness.shippedRuleset().catalogue().stream()
                .filter(e -> ("decision-tables/" + sheet.workbook()).equals(e.source()) && sheet.sheet().equals(e.sheet()))
                .toList();
        assertThat(rules).as("rules compiled from %s › %s (it has %d data rows: %s)", sheet.workbook(), sheet.sheet(),
                rows.size(), rows.stream().map(TableRow::id).toList()).hasSize(rows.size());
        for (TableRow row : rows) {
            assertThat(rules).as("the rule for %s (row %d)", row.id(), row.sheetRow())
                    .anySatisfy(e -> {
                        assertThat(e.id()).isEqualTo(row.id());
                        assertThat(e.name()).isEqualTo(row.name());
                        assertThat(e.row()).isEqualTo(row.sheetRow());
                        assertThat(e.kind()).isEqualTo("decision-table row");
                    });
        }
    }

    @Test
    @DisplayName("every decision-table rule in the ruleset comes from a row of a shipped sheet")
    void noRuleWithoutARow() throws IOException {
        List<String> rowIds = shippedRows().entrySet().stream().filter(e -> !e.getKey().isTests())
                .flatMap(e -> e.getValue().stream()).map(TableRow::id).toList();
        List<String> tableRules = RulesHarness.shippedRuleset().catalogue().stream()
                .filter(e -> "decision-table row".equals(e.kind())).map(RuleEntry::id).toList();
        assertThat(tableRules).as("decision-table rules in the ruleset").containsExactlyInAnyOrderElementsOf(rowIds);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sheets")
    @DisplayName("the DRL a sheet compiles to is the text committed under decision-tables/compiled/")
    void compiledDrlIsCommitted(TableTemplate sheet) throws IOException {
        String drl = RulesHarness.shippedRuleset().tableDrl().get(sheet.workbook() + " › " + sheet.sheet());
        assertThat(drl).as("compiled DRL of %s › %s", sheet.workbook(), sheet.sheet()).isNotNull();
        String expected = snapshot(sheet, drl);
        Path generated = GENERATED.resolve(snapshotFile(sheet));
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, expected);
        Path file = snapshotFile(sheet);
        assertThat(file).as("%s is missing; generate it with `%s` and commit it", file, REGENERATE).exists();
        String committed = Files.readString(file).replace("\r\n", "\n");
        assertThat(committed.equals(expected))
                .as("%s is not what %s › %s compiles to; if the change is intended, regenerate it with `%s` and "
                        + "commit it.%nFirst difference:%n%s", file, sheet.workbook(), sheet.sheet(), REGENERATE,
                        firstDifference(committed, expected))
                .isTrue();
    }

    @Test
    @DisplayName("decision-tables/compiled/ holds no file for a sheet that is gone")
    void noStaleSnapshots() throws IOException {
        List<String> expected = ApprovedTables.ALL.stream().map(t -> snapshotFile(t).getFileName().toString()).toList();
        if (!Files.isDirectory(COMPILED)) {
            return;
        }
        try (Stream<Path> files = Files.list(COMPILED)) {
            for (Path f : files.toList()) {
                assertThat(expected).as("%s belongs to no approved sheet; delete it (or regenerate with `%s`)", f,
                        REGENERATE).contains(f.getFileName().toString());
            }
        }
    }

    static Path snapshotFile(TableTemplate sheet) {
        return COMPILED.resolve(DefaultWorkbooks.mirrorFile(sheet).replace(".csv", ".drl"));
    }

    private static String snapshot(TableTemplate sheet, String drl) {
        return "// Generated: what decision-tables/" + sheet.workbook() + ", sheet \"" + sheet.sheet() + "\", compiles to\n"
                + "// with the rule template rules/templates/" + sheet.template() + ". Do not edit; regenerate with\n"
                + "// " + REGENERATE + "\n\n" + drl;
    }

    /** The first line where the committed file and the compiled DRL differ, both sides shown. */
    private static String firstDifference(String committed, String compiled) {
        String[] a = committed.split("\n", -1);
        String[] b = compiled.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "(end of file)";
            String right = i < b.length ? b[i] : "(end of file)";
            if (!left.equals(right)) {
                return "line " + (i + 1) + "\n  in the file:     " + left + "\n  compiled now:    " + right;
            }
        }
        return "(none)";
    }
}
