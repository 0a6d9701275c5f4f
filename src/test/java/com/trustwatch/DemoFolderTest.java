package com.trustwatch;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Each demo run starts from a fresh database and mail folder but keeps the compiled-ruleset cache. */
class DemoFolderTest {

    @Test
    @DisplayName("the demo's wipe removes the database, mail and audit files and keeps the ruleset cache")
    void wipeKeepsTheCache() throws Exception {
        Path demo = Path.of("target", "test-data", "demo-wipe");
        Path cache = demo.resolve("ruleset-cache");
        Files.createDirectories(cache.resolve("v1"));
        Files.writeString(cache.resolve("v1").resolve("kbase.bin"), "compiled");
        Files.createDirectories(demo.resolve("mail"));
        Files.writeString(demo.resolve("mail").resolve("1.eml"), "Subject: x");
        Files.writeString(demo.resolve("trustwatch.mv.db"), "db");

        Application.wipe(demo, cache);

        assertThat(demo.resolve("mail")).doesNotExist();
        assertThat(demo.resolve("trustwatch.mv.db")).doesNotExist();
        assertThat(cache.resolve("v1").resolve("kbase.bin")).hasContent("compiled");
    }
}
