package com.trustwatch.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.trustwatch.rules.ApprovedTables.TIERS;
import static com.trustwatch.rules.DecisionTableLintTest.edit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Tests sheets: the shipped workbooks carry the seeds' worked examples, they all pass against the
 * shipped rules, and a changed table that breaks an example is reported by the example's row with the
 * expected and the actual value.
 */
class WorkbookTestsTest {

    private static CheckedWorkbooks shipped() {
        return new RulesetBuilder(Path.of("rules"), Path.of("decision-tables")).lint();
    }

    @Test
    @DisplayName("every shipped workbook carries a Tests sheet equal to its mirror CSV")
    void shippedTestsEqualTheirMirrors() throws IOException {
        Map<TableTemplate, List<TableRow>> tables = shipped().tables();
        for (TableTemplate t : ApprovedTables.TESTS) {
            List<Map<String, String>> inMirror = new ArrayList<>();
            for (List<String> typed : DefaultWorkbooks.mirrorRows(t)) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int c = 0; c < t.columns().size(); c++) {
                    TableTemplate.Column column = t.columns().get(c);
                    String text = c < typed.size() ? CellKind.clean(typed.get(c)) : "";
                    values.put(column.key(), text.isEmpty() ? null
                            : column.noneAllowed() && text.equals("none") ? TableTemplate.NONE : column.kind().parseText(text));
                }
                inMirror.add(values);
            }
            assertThat(tables.get(t)).as("the Tests sheet of %s", t.workbook()).isNotNull();
            assertThat(tables.get(t).stream().map(TableRow::values).toList()).as("the Tests sheet of %s", t.workbook())
                    .containsExactlyElementsOf(inMirror);
        }
    }

    @Test
    @DisplayName("the seeds' worked examples pass against the shipped rules: Henderson 1,240/2,500/5,000 is a BREACH asking 3,760.00, 9,000 a month with 8,000 is a WARNING, 25% of a 7,500 retainer is 1,875.00")
    void shippedExamplesPass() {
        List<WorkbookTests.Outcome> outcomes = WorkbookTests.run(RulesHarness.shippedRuleset(), shipped(), RulesHarness.AS_OF);
        assertThat(outcomes).hasSize(11);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.passed()).as("%s › Tests › row %d %s: %s", o.workbook(), o.row(),
                o.id(), o.mismatches()).isTrue());
        assertThat(outcomes).extracting(WorkbookTests.Outcome::id).contains("TTX-1", "TTX-2", "TTX-3", "SBX-4", "ELX-3");
    }

    @Test
    @DisplayName("a changed tier reserve that breaks an example is reported by the example's row, expected against actual")
    void failingExampleNamesItsRow() {
        // tier 1 asks at 20 days instead of 30: 9,000 a month gives a threshold of 6,000.00, and 8,000 is above it (133%, in no band)
        byte[] tiers = edit(TIERS, "Tier reserves", "D5", 20);
        tiers = edit(tiers, "Tier reserves", "B5", "Tier 1: request under 20 days of runway and refill to a 60-day reserve");
        RulesetBuilder builder = new RulesetBuilder(Path.of("rules"), Path.of("decision-tables")).withWorkbook(TIERS, tiers);
        List<WorkbookTests.Outcome> failed = WorkbookTests.run(builder.build(), builder.lint(), RulesHarness.AS_OF)
                .stream().filter(o -> !o.passed()).toList();
        assertThat(failed).singleElement().satisfies(o -> {
            assertThat(o.workbook()).isEqualTo("tier-thresholds.xlsx");
            assertThat(o.id()).isEqualTo("TTX-2");
            assertThat(o.row()).isEqualTo(6);
            assertThat(o.mismatches()).containsExactly(
                    new WorkbookTests.Mismatch("Expected threshold", "K6", "9000.00", "6000.00"),
                    new WorkbookTests.Mismatch("Expected request", "L6", "10000.00", "none"),
                    new WorkbookTests.Mismatch("Expected band", "M6", "WARNING", "none"),
                    new WorkbookTests.Mismatch("Expected ladder stage", "N6", "1", "none"));
        });
    }
}
