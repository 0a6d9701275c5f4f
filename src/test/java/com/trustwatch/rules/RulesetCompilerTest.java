package com.trustwatch.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Compiled versions are kept by fingerprint: activating a version again, or rolling back, does not recompile. */
class RulesetCompilerTest {

    @TempDir
    Path cache;

    @Test
    @DisplayName("the same workbooks give the same compiled ruleset without compiling again; changed workbooks give another fingerprint")
    void keptByFingerprint() throws Exception {
        RulesetCompiler compiler = new RulesetCompiler(new RulesSettings("rules", "decision-tables", false, cache.toString()));
        Map<String, byte[]> shipped = compiler.shippedWorkbooks();
        Ruleset first = compiler.compile(shipped);
        Ruleset again = compiler.compile(Map.copyOf(shipped));
        assertThat(again).as("the kept ruleset, not a new compilation").isSameAs(first);
        assertThat(Files.list(cache)).as("and saved for the next start").isNotEmpty();

        byte[] tiers = DecisionTableLintTest.edit(DecisionTableLintTest.edit(ApprovedTables.TIERS, "Tier reserves", "D6", 21),
                "Tier reserves", "B6", "Tier 2: request under 21 days of runway and refill to a 45-day reserve");
        Map<String, byte[]> changed = new java.util.TreeMap<>(shipped);
        changed.put(ApprovedTables.TIERS, tiers);
        Ruleset other = compiler.compile(changed);
        assertThat(other.fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(compiler.compile(shipped)).as("back to the first: still kept").isSameAs(first);
        assertThat(first.numbered(1).version()).isEqualTo("v1-" + first.fingerprint());
        assertThat(first.numbered(1).number()).isEqualTo(1);
    }
}
