package com.trustwatch.security;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A password hash in the documentation is an example to replace, never one a reader could log in with. */
class DocumentedHashesTest {

    private static final List<String> GUESSABLE = List.of("password", "admin", "changeme", "trustwatch");

    @Test
    @DisplayName("every bcrypt hash in the README and docs is well formed and is not the hash of an obvious password; no {sha256} form is offered")
    void documentedHashes() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().matches(".*\\.(md|example|yaml|service)$")).forEach(files::add);
        }
        Pattern bcrypt = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
        int found = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            assertThat(text).as(f + " offers no unsalted digest").doesNotContainPattern("\\{sha256}[0-9a-f]");
            Matcher m = bcrypt.matcher(text);
            while (m.find()) {
                found++;
                String hash = m.group();
                for (String guess : GUESSABLE) {
                    assertThat(PasswordHashes.matches(guess, hash)).as("%s: %s is the hash of \"%s\"", f, hash, guess).isFalse();
                }
            }
        }
        assertThat(found).as("the docs show what a hash looks like").isPositive();
    }
}
