package com.trustwatch.audit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {

    @TempDir
    Path dir;

    AuditCheckpoints checkpoints(String keyName, String fileName) {
        return new AuditCheckpoints(new CheckpointSettings(dir.resolve(fileName).toString(),
                dir.resolve(keyName).toString(), 1000, java.time.Duration.ZERO),
                Clock.fixed(Instant.parse("2026-11-20T17:45:12.345Z"), ZoneOffset.UTC));
    }

    @Test
    @DisplayName("the signing key is generated on first start, readable by its owner only, and reused afterwards")
    void keyGeneratedOnceAndKept() throws Exception {
        AuditCheckpoints first = checkpoints("k.key", "cp.txt");
        Path key = dir.resolve("k.key");
        assertThat(key).exists();
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(key)).contains("private: ").contains("public: ");
        Checkpoint c = first.record(42, "a".repeat(64));
        AuditCheckpoints again = checkpoints("k.key", "cp.txt");
        assertThat(again.publicKey()).isEqualTo(first.publicKey());
        assertThat(again.signedHere(c)).isTrue();
        assertThat(checkpoints("other.key", "cp2.txt").signedHere(c)).as("another installation's key").isFalse();
    }

    @Test
    @DisplayName("a checkpoint is one line: entries, hash, time to the second and signature; it reads back as written, and any changed field breaks its signature")
    void tokenRoundTrip() {
        AuditCheckpoints cps = checkpoints("k.key", "cp.txt");
        Checkpoint c = cps.record(1234, "0123456789abcdef".repeat(4));
        assertThat(c.token()).startsWith("twcp1.1234." + "0123456789abcdef".repeat(4) + ".2026-11-20T17:45:12Z.");
        Checkpoint read = Checkpoint.parse(c.token());
        assertThat(read).isEqualTo(c);
        assertThat(cps.signedHere(read)).isTrue();
        Checkpoint longer = Checkpoint.parse(c.token().replace("twcp1.1234.", "twcp1.1235."));
        assertThat(cps.signedHere(longer)).isFalse();
        Checkpoint later = Checkpoint.parse(c.token().replace("17:45:12Z", "17:45:13Z"));
        assertThat(cps.signedHere(later)).isFalse();
        assertThatThrownBy(() -> Checkpoint.parse("twcp1.12.nothex")).hasMessageContaining("not an audit checkpoint");
    }

    @Test
    @DisplayName("the checkpoint file keeps every checkpoint; the latest is the one with most entries, and an edited line is reported")
    void fileKeepsCheckpoints() throws Exception {
        AuditCheckpoints cps = checkpoints("k.key", "cp.txt");
        cps.record(10, "1".repeat(64));
        Checkpoint big = cps.record(30, "3".repeat(64));
        cps.record(20, "2".repeat(64));
        assertThat(Files.readAllLines(dir.resolve("cp.txt"))).hasSize(3);
        assertThat(cps.latest()).hasValueSatisfying(l -> {
            assertThat(l.checkpoint()).isEqualTo(big);
            assertThat(l.damage()).isNull();
        });
        List<String> lines = Files.readAllLines(dir.resolve("cp.txt"));
        Files.write(dir.resolve("cp.txt"), List.of(lines.get(0), lines.get(1).replace("twcp1.30.", "twcp1.9.")));
        assertThat(cps.latest()).hasValueSatisfying(l -> assertThat(l.damage()).contains("line 2"));
    }
}
