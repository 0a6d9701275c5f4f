package com.trustwatch.rules;

import com.trustwatch.fixtures.TestFiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackSignoffTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("every shipped compliance pack is listed with the SHA-256 of its text, and none is signed off by the product itself")
    void shippedPacksAwaitSignoff() throws IOException {
        var packs = RulesHarness.shippedRuleset().packs();
        assertThat(packs).extracting(PackSignoff::pack).contains("aba.drl", "common.drl", "us-ca.drl", "us-ny.drl");
        assertThat(packs).allSatisfy(p -> {
            String drl = Files.readString(Path.of("rules/compliance", p.pack()));
            assertThat(p.sha256()).isEqualTo(p.table() == null ? PackSignoff.digest(drl)
                    : PackSignoff.digest(drl, Files.readString(Path.of("rules/compliance", p.table()))));
            assertThat(p.rules() + p.rows()).as("rules and obligation rows in %s", p.pack()).isPositive();
            assertThat(p.status()).isEqualTo(PackSignoff.NOT_SIGNED_OFF);
        });
        // every jurisdiction's pack has its obligations table; the common pack and uncleared-funds.drl are no jurisdiction's
        assertThat(packs).filteredOn(p -> !p.pack().equals("common.drl") && !p.pack().equals("uncleared-funds.drl"))
                .allSatisfy(p -> assertThat(p.table()).isEqualTo(p.pack().replace(".drl", ".obligations.csv")));
    }

    @Test
    @DisplayName("a sign-off binds to the exact text: changing one character of the pack shows it as changed since sign-off")
    void signoffBindsToTheText() throws IOException {
        Path rules = copyRules();
        String ca = Files.readString(rules.resolve("compliance/us-ca.drl"));
        String caTable = Files.readString(rules.resolve("compliance/us-ca.obligations.csv"));
        Files.writeString(rules.resolve("compliance/signoffs.csv"), "pack,sha256,reviewer,signed_on,note\n"
                + "us-ca.drl," + PackSignoff.digest(ca, caTable) + ",Jordan Ethics,2026-11-21,reviewed against Cal. RPC 1.15\n");

        PackSignoff signed = pack(new RulesetBuilder(rules, Path.of("decision-tables")).build(), "us-ca.drl");
        assertThat(signed.status()).isEqualTo(PackSignoff.SIGNED_OFF);
        assertThat(signed.reviewer()).isEqualTo("Jordan Ethics");

        Files.writeString(rules.resolve("compliance/us-ca.obligations.csv"), caTable.replace("31 days,HIGH", "32 days,HIGH"));
        PackSignoff changed = pack(new RulesetBuilder(rules, Path.of("decision-tables")).build(), "us-ca.drl");
        assertThat(changed.status()).as("a changed row of the pack's table").isEqualTo(PackSignoff.CHANGED);
        assertThat(changed.signedOn()).isEqualTo("2026-11-21");
        Files.writeString(rules.resolve("compliance/us-ca.obligations.csv"), caTable);
        assertThat(pack(new RulesetBuilder(rules, Path.of("decision-tables")).build(), "us-ca.drl").status())
                .isEqualTo(PackSignoff.SIGNED_OFF);
        Files.writeString(rules.resolve("compliance/us-ca.drl"), ca.replace("over $1,000", "over $1,001"));
        assertThat(pack(new RulesetBuilder(rules, Path.of("decision-tables")).build(), "us-ca.drl").status())
                .as("a changed rule of the pack").isEqualTo(PackSignoff.CHANGED);
        assertThat(pack(new RulesetBuilder(rules, Path.of("decision-tables")).build(), "us-ny.drl").status())
                .isEqualTo(PackSignoff.NOT_SIGNED_OFF);
    }

    @Test
    @DisplayName("a sign-off file with the wrong columns is refused with its name")
    void badSignoffFile() throws IOException {
        Path rules = copyRules();
        Files.writeString(rules.resolve("compliance/signoffs.csv"), "file,who\nus-ca.drl,someone\n");
        assertThatThrownBy(() -> new RulesetBuilder(rules, Path.of("decision-tables")).build())
                .isInstanceOf(RulesetException.class).hasMessageContaining("rules/compliance/signoffs.csv");
    }

    private static PackSignoff pack(Ruleset ruleset, String name) {
        return ruleset.packs().stream().filter(p -> p.pack().equals(name)).findFirst().orElseThrow();
    }

    private Path copyRules() throws IOException {
        return TestFiles.copyTree(Path.of("rules"), temp.resolve("rules"));
    }
}
