package com.trustwatch.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/rules-catalogue.md is what ethics counsel reads; it is rendered from the shipped ruleset and must
 * match it. The test writes the page as it should be to {@code target/generated-docs/docs/rules-catalogue.md}
 * and never touches the committed one; {@code mvn -B -ntp -Pwrite-docs test} copies it into the tree.
 */
class RuleCatalogueDocTest {

    private static final Path DOC = Path.of("docs/rules-catalogue.md");

    @Test
    @DisplayName("docs/rules-catalogue.md is the catalogue of the rules and decision tables this build ships")
    void docMatchesTheRuleset() throws IOException {
        String rendered = CatalogueMarkdown.render(RulesHarness.shippedRuleset());
        Path generated = ShippedTablesTest.GENERATED.resolve(DOC);
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, rendered);
        assertThat(DOC).as("%s is missing; generate it with `%s` and commit it", DOC, CatalogueMarkdown.REGENERATE)
                .exists();
        String committed = Files.readString(DOC).replace("\r\n", "\n");
        assertThat(committed.equals(rendered))
                .as("%s is out of date with the rules; regenerate it with `%s` and commit it.%nFirst difference:%n%s",
                        DOC, CatalogueMarkdown.REGENERATE, firstDifference(committed, rendered))
                .isTrue();
    }

    /** The first line where the committed page and the rendered catalogue differ, both sides shown. */
    private static String firstDifference(String committed, String rendered) {
        String[] a = committed.split("\n", -1);
        String[] b = rendered.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "(end of file)";
            String right = i < b.length ? b[i] : "(end of file)";
            if (!left.equals(right)) {
                return "line " + (i + 1) + "\n  in the file:  " + left + "\n  in the rules: " + right;
            }
        }
        return "(none)";
    }
}
