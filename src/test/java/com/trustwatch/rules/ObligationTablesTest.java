package com.trustwatch.rules;

import com.trustwatch.decision.Obligation;
import com.trustwatch.fixtures.TestFiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The packs' obligations tables: read strictly, refused with file, line and column named. */
class ObligationTablesTest {

    private static final String HEADER = "obligation,period,severity,citation,source,confidence,says,note\n";
    private static final String VALID = HEADER
            + "negative-ledger,,,R. 1(a),https://example.org/r1,verified,,\n"
            + "reconciliation,31 days,LOW,R. 2 cmt,https://example.org/r2,secondary,Monthly is best practice.,\n"
            + "reconciliation,92 days,HIGH,R. 2(b),https://example.org/r2,secondary,Quarterly is required.,\n"
            + "receipt-notice,14 days,MEDIUM,R. 1(d),https://example.org/r1,unverified,Notify promptly.,\n"
            + "record-retention,7 years,,R. 3,https://example.org/r3,verified,,\n";

    @TempDir
    Path temp;

    private static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        ObligationTables.parse("compliance/us-zz.obligations.csv", text, problems);
        return problems;
    }

    @Test
    @DisplayName("a valid table gives one row per line, and two reconciliation stages that hand over at the later one's day")
    void validTable() {
        List<String> problems = new ArrayList<>();
        List<Obligation> rows = ObligationTables.parse("compliance/us-zz.obligations.csv", VALID, problems);
        assertThat(problems).isEmpty();
        assertThat(rows).hasSize(5).allSatisfy(o -> assertThat(o.jurisdiction()).isEqualTo("US-ZZ"));
        Obligation monthly = rows.get(1);
        assertThat(monthly.line()).isEqualTo(3);
        assertThat(monthly.covers(31)).isFalse();
        assertThat(monthly.covers(32)).isTrue();
        assertThat(monthly.covers(92)).isTrue();
        assertThat(monthly.covers(93)).isFalse();
        assertThat(rows.get(2).covers(93)).isTrue();
        assertThat(monthly.stage()).isEqualTo("LOW");
        assertThat(rows.get(4).years()).isEqualTo(7);
    }

    @Test
    @DisplayName("an unknown or missing column is refused with the file named")
    void columns() {
        assertThat(problems(VALID.replace("note\n", "notes\n")))
                .contains("rules/compliance/us-zz.obligations.csv:1: unknown column 'notes' (the columns are obligation, period, severity, citation, source, confidence, says, note)",
                        "rules/compliance/us-zz.obligations.csv:1: the column 'note' is missing");
    }

    @Test
    @DisplayName("a bad value is refused with its line: period, severity, source, confidence, obligation, and the sentence a flag quotes")
    void values() {
        assertThat(problems(VALID.replace("31 days,LOW", "31 dayz,LOW"))).containsExactly(
                "rules/compliance/us-zz.obligations.csv:3: period '31 dayz' is not a number of days, such as '31 days'");
        assertThat(problems(VALID.replace("7 years", "7 days"))).containsExactly(
                "rules/compliance/us-zz.obligations.csv:6: period '7 days': record-retention is counted in years");
        assertThat(problems(VALID.replace("14 days,MEDIUM", "14 days,MODERATE"))).containsExactly(
                "rules/compliance/us-zz.obligations.csv:5: severity 'MODERATE' is not one of LOW, MEDIUM, HIGH, CRITICAL");
        assertThat(problems(VALID.replace("https://example.org/r3", "courts.example/r3"))).containsExactly(
                "rules/compliance/us-zz.obligations.csv:6: source 'courts.example/r3' is not a web address (http:// or https://)");
        assertThat(problems(VALID.replace("verified,,\nreconciliation", "sure,,\nreconciliation"))).containsExactly(
                "rules/compliance/us-zz.obligations.csv:2: confidence 'sure' is not one of verified, secondary, unverified");
        assertThat(problems(VALID.replace("Notify promptly.", ""))).containsExactly(
                "rules/compliance/us-zz.obligations.csv:5: says: the sentence a flag quotes is required for receipt-notice");
        assertThat(problems(VALID.replace("negative-ledger,,,", "negative-ledger,,HIGH,"))).containsExactly(
                "rules/compliance/us-zz.obligations.csv:2: severity: a negative ledger is always CRITICAL (rule CM-001); leave the cell empty");
        assertThat(problems(VALID + "overdraft,,,R. 9,https://example.org,verified,,\n")).containsExactly(
                "rules/compliance/us-zz.obligations.csv:7: obligation 'overdraft' is not one of negative-ledger, reconciliation, receipt-notice, record-retention");
    }

    @Test
    @DisplayName("a pack that leaves out an obligation, states one twice, or two stages on one day is refused")
    void completeness() {
        assertThat(problems(VALID.replace("record-retention,7 years,,R. 3,https://example.org/r3,verified,,\n", "")))
                .containsExactly("rules/compliance/us-zz.obligations.csv: the pack states no record-retention row");
        assertThat(problems(VALID + "record-retention,5 years,,R. 4,https://example.org/r4,verified,,\n"))
                .containsExactly("rules/compliance/us-zz.obligations.csv:7: a second record-retention row; a pack states one");
        assertThat(problems(VALID.replace("92 days,HIGH", "31 days,HIGH"))).containsExactly(
                "rules/compliance/us-zz.obligations.csv:4: two reconciliation stages after 31 days; give each stage its own period");
    }

    @Test
    @DisplayName("a state pack without its table, or a table without its pack, stops the ruleset build with both files named")
    void tableAndPackGoTogether() throws IOException {
        Path rules = TestFiles.copyTree(Path.of("rules"), temp.resolve("rules"));
        Files.delete(rules.resolve("compliance/us-tx.obligations.csv"));
        Files.writeString(rules.resolve("compliance/us-oh.obligations.csv"), VALID);
        assertThatThrownBy(() -> new RulesetBuilder(rules, Path.of("decision-tables")).build())
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("rules/compliance/us-tx.drl: the pack has no obligations table rules/compliance/us-tx.obligations.csv")
                .hasMessageContaining("rules/compliance/us-oh.obligations.csv: there is no pack rules/compliance/us-oh.drl beside it");
    }
}
