package com.trustwatch.rules;

import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.matter.FeeType;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.Tier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static org.assertj.core.api.Assertions.assertThat;

class KieBaseCacheTest {

    @TempDir
    Path cache;

    @Test
    @DisplayName("a second start with the same rules restores the compiled ruleset from the cache, and it decides exactly as the compiled one")
    void restoredRulesetDecidesTheSame() throws IOException {
        RulesetBuilder first = new RulesetBuilder(Path.of("rules"), Path.of("decision-tables")).cachingIn(cache);
        Ruleset built = first.build();
        assertThat(first.builtFromCache()).isFalse();
        assertThat(files()).hasSize(1);

        RulesetBuilder second = new RulesetBuilder(Path.of("rules"), Path.of("decision-tables")).cachingIn(cache);
        Ruleset restored = second.build();
        assertThat(second.builtFromCache()).isTrue();
        assertThat(restored.version()).isEqualTo(built.version());
        assertThat(restored.catalogue()).isEqualTo(built.catalogue());
        assertThat(restored.tableDrl()).isEqualTo(built.tableDrl());
        assertThat(decisions(restored)).isEqualTo(decisions(built)).isNotEmpty();
    }

    @Test
    @DisplayName("an edited rule file changes the ruleset version, so the saved ruleset is not used")
    void editedRulesAreCompiledAgain(@TempDir Path copy) throws IOException {
        Path rules = copyOf(Path.of("rules"), copy.resolve("rules"));
        RulesetBuilder first = new RulesetBuilder(rules, Path.of("decision-tables")).cachingIn(cache);
        Ruleset before = first.build();
        Path drl = rules.resolve("replenishment.drl");
        Files.writeString(drl, Files.readString(drl) + "\n// edited by the billing manager\n");

        RulesetBuilder second = new RulesetBuilder(rules, Path.of("decision-tables")).cachingIn(cache);
        Ruleset after = second.build();
        assertThat(second.builtFromCache()).isFalse();
        assertThat(after.version()).isNotEqualTo(before.version());
        assertThat(files()).hasSize(2);
    }

    @Test
    @DisplayName("a damaged cache file is ignored: the ruleset is compiled from source and the file written again")
    void damagedFileFallsBackToCompiling() throws IOException {
        new RulesetBuilder(Path.of("rules"), Path.of("decision-tables")).cachingIn(cache).build();
        Path file = files().get(0);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        RulesetBuilder damaged = new RulesetBuilder(Path.of("rules"), Path.of("decision-tables")).cachingIn(cache);
        Ruleset rebuilt = damaged.build();
        assertThat(damaged.builtFromCache()).isFalse();
        assertThat(decisions(rebuilt)).isEqualTo(decisions(RulesHarness.shippedRuleset()));

        RulesetBuilder again = new RulesetBuilder(Path.of("rules"), Path.of("decision-tables")).cachingIn(cache);
        again.build();
        assertThat(again.builtFromCache()).isTrue();
    }

    /** Every proposal, stop and fired rule for a varied book of 300 matters, in a stable order. */
    private static List<String> decisions(Ruleset ruleset) {
        SplittableRandom r = new SplittableRandom(7);
        String[] jurisdictions = {"ABA", "US-CA", "US-NY", "US-TX", "US-FL", "US-IL", "US-MA", "US-NJ", "US-WA", "US-OH"};
        List<Matter> matters = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            var m = aMatter().numbered(String.format("M-%04d", i)).inJurisdiction(jurisdictions[i % jurisdictions.length])
                    .holding(Integer.toString(r.nextInt(-500, 20_000)) + ".00")
                    .withOriginalRetainer(Integer.toString(2_000 + r.nextInt(15_000)) + ".00")
                    .billingMonthly(i % 9 == 0 ? null : Integer.toString(500 + r.nextInt(14_000)) + ".00")
                    .withFloor(i % 3 == 0 ? null : Integer.toString(1_000 + r.nextInt(5_000)) + ".00")
                    .onFeeType(FeeType.values()[i % 7 < 4 ? 0 : i % FeeType.values().length]);
            if (i % 10 == 0) {
                m.inTier(Tier.values()[i % 3]);
            }
            if (i % 13 == 0) {
                m.closedOn(RulesHarness.AS_OF.minusDays(40));
            }
            if (i % 17 == 0) {
                m.inPracticeArea("Litigation");
            }
            matters.add(m.build());
        }
        List<MatterFacts> facts = matters.stream().map(m -> MatterFacts.of(m, RulesHarness.AS_OF)).toList();
        RuleEngine.Outcome outcome = new RuleEngine().evaluate(ruleset, RulesHarness.AS_OF, facts,
                List.<OpenEpisode>of(), true);
        List<String> out = new ArrayList<>();
        outcome.proposals().forEach(p -> out.add("proposal " + p));
        outcome.stops().forEach(s -> out.add("stop " + s));
        outcome.firedRules().forEach(f -> out.add("fired " + f));
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".bin")).toList();
        }
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
