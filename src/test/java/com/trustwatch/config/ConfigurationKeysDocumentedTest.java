package com.trustwatch.config;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every setting the service reads is in the operator's guide, and the guide names no setting the
 * service does not read. The settings read are collected from three places: the configuration
 * metadata the compiler writes for every {@code @ConfigurationProperties} class
 * ({@code META-INF/spring-configuration-metadata.json}), the {@code ${trustwatch.…}} placeholders and
 * {@code property = "trustwatch.…"} conditions in the main sources, and the {@code ${TRUSTWATCH_…}}
 * environment variables of {@code application.yml}. A key with a name part ({@code users.*.roles}) is
 * documented with any placeholder in its place ({@code users.<name>.roles}).
 */
class ConfigurationKeysDocumentedTest {

    private static final Path GUIDE = Path.of("docs", "operations.md");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(trustwatch\\.[A-Za-z0-9.\\-*]+)");
    private static final Pattern CONDITION = Pattern.compile("(?:property|name)\\s*=\\s*\"(trustwatch\\.[A-Za-z0-9.\\-*]+)\"");
    private static final Pattern ENVIRONMENT = Pattern.compile("\\$\\{(TRUSTWATCH_[A-Z0-9_]+)");
    private static final Pattern DOCUMENTED = Pattern.compile("`(trustwatch\\.[a-z0-9.\\-<>*]*[a-z0-9>*])`");

    @Test
    @DisplayName("every setting the service reads is named in full in docs/operations.md")
    void everySettingReadIsDocumented() throws IOException {
        String guide = Files.readString(GUIDE);
        Set<String> missing = new TreeSet<>();
        for (String key : settingsRead()) {
            if (!Pattern.compile("(?<![\\w.-])" + asPattern(key) + "(?![\\w-])").matcher(guide).find()) {
                missing.add(key);
            }
        }
        for (String variable : environmentVariables()) {
            if (!guide.contains(variable)) {
                missing.add(variable);
            }
        }
        assertThat(missing).as("settings the service reads that docs/operations.md does not name").isEmpty();
    }

    @Test
    @DisplayName("every trustwatch setting docs/operations.md names is one the service reads, or a prefix of some")
    void everyDocumentedSettingIsRead() throws IOException {
        Set<String> read = settingsRead();
        Set<String> stale = new TreeSet<>();
        Matcher m = DOCUMENTED.matcher(Files.readString(GUIDE));
        while (m.find()) {
            String documented = m.group(1).replaceAll("<[^>]+>", "*");
            String prefix = documented.endsWith(".*") ? documented.substring(0, documented.length() - 1) : null;
            boolean known = read.stream().anyMatch(key -> key.equals(documented)
                    || key.replaceAll("\\*", "x").matches(asPattern(documented))
                    || prefix != null && key.startsWith(prefix));
            if (!known) {
                stale.add(m.group(1));
            }
        }
        assertThat(stale).as("settings docs/operations.md names that the service never reads").isEmpty();
    }

    @Test
    @DisplayName("the collection of settings finds the ones known to exist, so the comparison cannot pass empty")
    void collectionFindsKnownSettings() throws IOException {
        assertThat(settingsRead()).contains("trustwatch.mail.mode", "trustwatch.firm.time-zone",
                "trustwatch.security.users.*.roles", "trustwatch.demo.as-of");
        assertThat(environmentVariables()).contains("TRUSTWATCH_DB_URL", "TRUSTWATCH_PORT");
    }

    /** The {@code trustwatch.*} keys the service reads, with {@code *} for a name part. */
    static Set<String> settingsRead() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (InputStream in = ConfigurationKeysDocumentedTest.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the compiler's configuration metadata").isNotNull();
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = JsonMapper.createDefault().readValue(in.readAllBytes(), Map.class);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
            for (Map<String, Object> p : properties) {
                String name = (String) p.get("name");
                if (name.startsWith("trustwatch.")) {
                    keys.add(name);
                }
            }
        }
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            sources.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String text = read(f);
                for (Pattern p : List.of(PLACEHOLDER, CONDITION)) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        keys.add(m.group(1));
                    }
                }
            });
        }
        return keys;
    }

    /** The {@code TRUSTWATCH_*} environment variables application.yml reads. */
    static Set<String> environmentVariables() {
        Set<String> variables = new TreeSet<>();
        Matcher m = ENVIRONMENT.matcher(read(Path.of("src", "main", "resources", "application.yml")));
        while (m.find()) {
            variables.add(m.group(1));
        }
        return variables;
    }

    /** A key as a regular expression: each {@code *} stands for one name part. */
    private static String asPattern(String key) {
        StringBuilder out = new StringBuilder();
        for (String part : key.split("\\*", -1)) {
            if (!out.isEmpty()) {
                out.append("[^.\\s`]+");
            }
            out.append(Pattern.quote(part));
        }
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
