package com.trustwatch.rules;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.matter.Matter;
import io.micronaut.context.ApplicationContext;
import com.trustwatch.fixtures.TestFiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesetBuildTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("a DRL file that does not compile is refused with its repository path and line")
    void brokenDrlIsNamed() throws IOException {
        Path rules = copyRules();
        Files.writeString(rules.resolve("broken.drl"), """
                package trustwatch.replenishment;
                import com.trustwatch.decision.*;

                rule "XX-001 A rule with a typo"
                when
                    $m : MatterFacts(balanse < 0)
                then
                end
                """);
        assertThatThrownBy(() -> new RulesetBuilder(rules, Path.of("decision-tables")).build())
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("rules/broken.drl:6")
                .hasMessageContaining("balanse");
    }

    @Test
    @DisplayName("a service whose rules do not compile does not start, and says which file")
    void serviceRefusesToStart() throws IOException {
        Path rules = copyRules();
        Files.writeString(rules.resolve("replenishment.drl"), "package trustwatch.replenishment;\nrule \"x\" when then insert(; end\n");
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "trustwatch.rules.rules-dir", rules.toString(),
                "datasources.default.url", "jdbc:h2:mem:broken;MODE=MySQL;DATABASE_TO_LOWER=TRUE",
                "micronaut.server.port", "-1")).close())
                .hasStackTraceContaining("rules/replenishment.drl");
    }

    @Test
    @DisplayName("a decision-tables folder without its workbooks is refused with the missing file named")
    void missingWorkbook() {
        assertThatThrownBy(() -> new RulesetBuilder(Path.of("rules"), temp).build())
                .isInstanceOf(RulesetException.class).hasMessageContaining("tier-thresholds.xlsx");
    }

    @Test
    @DisplayName("every action the shipped rules propose on the demo book names a rule that is in the catalogue")
    void everyRuleIdResolves() throws IOException {
        List<Matter> book;
        try (var in = new InputStreamReader(getClass().getResourceAsStream("/demo/roster.csv"), StandardCharsets.UTF_8)) {
            book = new com.trustwatch.matter.ImportRoster(null, null, null).parse(in);
        }
        var result = RulesHarness.evaluate(RulesHarness.AS_OF, List.of(), book);
        Set<String> catalogue = RulesHarness.shippedRuleset().catalogue().stream().map(RuleEntry::id)
                .collect(Collectors.toSet());
        assertThat(result.actions()).isNotEmpty();
        assertThat(result.actions()).extracting(ActionProposal::ruleId).allSatisfy(id -> assertThat(catalogue).contains(id));
        assertThat(result.outcome().firedRules()).allSatisfy(name -> assertThat(catalogue).contains(name.split(" ")[0]));
    }

    private Path copyRules() throws IOException {
        return TestFiles.copyTree(Path.of("rules"), temp.resolve("rules"));
    }
}
