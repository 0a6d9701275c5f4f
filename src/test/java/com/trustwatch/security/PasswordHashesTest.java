package com.trustwatch.security;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashesTest {

    @Test
    @DisplayName("a hash is salted bcrypt: the same password hashes differently each time, and each hash checks it")
    void saltedAndChecked() {
        String a = PasswordHashes.hash("correct horse", 4);
        String b = PasswordHashes.hash("correct horse", 4);
        assertThat(a).isNotEqualTo(b).startsWith("$2a$04$");
        assertThat(PasswordHashes.isHash(a)).isTrue();
        assertThat(PasswordHashes.matches("correct horse", a)).isTrue();
        assertThat(PasswordHashes.matches("correct horse", b)).isTrue();
        assertThat(PasswordHashes.matches("correct hors", a)).isFalse();
        assertThat(PasswordHashes.matches("", a)).isFalse();
    }

    @Test
    @DisplayName("a password bcrypt would cut (over 72 bytes) is refused, not hashed by its first 72 bytes")
    void longPasswordsRefused() {
        String long73 = "x".repeat(73);
        assertThatThrownBy(() -> PasswordHashes.hash(long73, 4)).hasMessageContaining("72 bytes");
        String h = PasswordHashes.hash("x".repeat(72), 4);
        assertThat(PasswordHashes.matches(long73, h)).as("not the same as its 72-byte prefix").isFalse();
    }

    @Test
    @DisplayName("hash-password reads the password from standard input and prints a hash of it at cost 12")
    void commandHashesStandardInput() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = HashPasswordCommand.run(null, new ByteArrayInputStream("s3cret-Phrase\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(code).isZero();
        assertThat(printed).startsWith("$2a$12$").doesNotContain("s3cret");
        assertThat(PasswordHashes.matches("s3cret-Phrase", printed)).isTrue();
    }

    @Test
    @DisplayName("hash-password with nothing on standard input fails and says how to use it")
    void commandWithoutInput() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = HashPasswordCommand.run(null, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("hash-password");
    }

    @Test
    @DisplayName("an unsalted {sha256} login stops startup with a message that says how to make a proper hash, without echoing the digest")
    void sha256Refused() {
        String digest = "{sha256}9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assertThatThrownBy(() -> new UserDirectory(List.of(new UserAccount("pat", digest, List.of("ADMIN")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("pat").hasMessageContaining("{sha256}")
                .hasMessageContaining("java -jar trustwatch.jar hash-password")
                .hasMessageNotContaining("9f86d081");
    }

    @Test
    @DisplayName("a password configured in clear text stops startup too, and is not repeated in the message")
    void plainTextRefused() {
        assertThatThrownBy(() -> new UserDirectory(List.of(
                new UserAccount("sched", PasswordHashes.hash("fine", 4), List.of("SCHEDULER")),
                new UserAccount("pat", "hunter2-plain", List.of("ADMIN")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("pat").hasMessageContaining("clear text")
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("sched");
    }

    @Test
    @DisplayName("a bcrypt login authenticates with its password only, and an unknown name never does")
    void bcryptLogins() {
        var users = new UserDirectory(List.of(new UserAccount("pat", PasswordHashes.hash("right", 4), List.of("ADMIN"))));
        assertThat(users.authenticate("pat", "right")).contains(List.of("ADMIN"));
        assertThat(users.authenticate("pat", "wrong")).isEmpty();
        assertThat(users.authenticate("kim", "right")).isEmpty();
        assertThatThrownBy(() -> users.add(new UserAccount("demo", "plain", List.of("ADMIN"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
