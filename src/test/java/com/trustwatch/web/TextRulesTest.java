package com.trustwatch.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextRulesTest {

    @ParameterizedTest(name = "U+{0} is refused in a name as {1}")
    @CsvSource({
            "0000, NUL", "000A, line break (LF", "000D, line break (CR", "0009, tab", "001B, control character",
            "007F, control character", "0085, control character", "009B, control character",
            "2028, separator", "2029, separator", "202E, bidirectional", "2066, bidirectional",
            "FEFF, byte-order mark", "FFFD, replacement character"})
    @DisplayName("every control, line-breaking, direction-changing or damage-marking character is refused in a name, with its position")
    void refusedInNames(String hex, String said) {
        String text = "Smith" + (char) Integer.parseInt(hex, 16) + "Jones";
        assertThatThrownBy(() -> TextRules.oneLine(text, 255)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(said).hasMessageContaining("at character 6");
    }

    @Test
    @DisplayName("accents, other scripts and emoji are names like any other; the length counts characters, not UTF-16 units")
    void printableTextIsAccepted() {
        assertThat(TextRules.oneLine("Müller & Søn — 株式会社 😀", 255)).isEqualTo("Müller & Søn — 株式会社 😀");
        assertThat(TextRules.oneLine("😀".repeat(64), 64)).hasSize(128);
        assertThatThrownBy(() -> TextRules.oneLine("😀".repeat(65), 64)).hasMessage("is 65 characters long; at most 64 are accepted");
    }

    @Test
    @DisplayName("free text typed over several lines is folded into one; other controls in it are still refused")
    void freeTextIsFolded() {
        assertThat(TextRules.folded("Line one\r\n  Line two\tend\n", 500)).isEqualTo("Line one Line two end");
        assertThat(TextRules.folded("a\rb", 500)).isEqualTo("a b");
        assertThatThrownBy(() -> TextRules.folded("wire\u0000", 500)).hasMessageContaining("NUL");
        assertThatThrownBy(() -> TextRules.folded("\u001b[2J", 500)).hasMessageContaining("control character");
    }

    @Test
    @DisplayName("a lone surrogate (text that is not Unicode) is refused")
    void loneSurrogate() {
        assertThatThrownBy(() -> TextRules.oneLine("a\ud800b", 10)).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> TextRules.oneLine("a\udc00", 10)).hasMessageContaining("unpaired surrogate");
    }

    @Test
    @DisplayName("an echoed value is cut to 40 characters and shows invisible characters as escapes")
    void echo() {
        assertThat(Echo.of("a\nb\u0000c")).isEqualTo("'a\\nb\\u0000c'");
        assertThat(Echo.of("x".repeat(1000))).isEqualTo("'" + "x".repeat(37) + "...'");
        assertThat(Echo.plain("😀".repeat(30), 40)).endsWith("...").doesNotContain("\ud83d.");
        assertThat(Echo.of(null)).isEqualTo("null");
    }

    @Test
    @DisplayName("an error's field and message are cut and escaped whatever was sent")
    void fieldErrorsAreBounded() {
        FieldError e = new FieldError(3, "h".repeat(5000) + "\r\n", "m".repeat(10_000));
        assertThat(e.field()).hasSize(64).endsWith("...");
        assertThat(e.message()).hasSize(500);
        assertThat(new FieldError(null, "a\u0000b", "x").field()).isEqualTo("a\\u0000b");
    }
}
