package com.trustwatch.audit;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Signs checkpoints of the audit chain and keeps them in the checkpoint file, outside the database.
 * The file is append-only text, one token per line, so an operator can copy it, mail it or diff it.
 */
@Singleton
public class AuditCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpoints.class);
    private final CheckpointKey key;
    private final Path file;
    private final Clock clock;

    public AuditCheckpoints(CheckpointSettings settings, Clock clock) {
        this.key = CheckpointKey.loadOrCreate(Path.of(settings.keyFile()));
        this.file = Path.of(settings.checkpointFile());
        this.clock = clock;
    }

    /** Signs "the chain had {@code seq} entries ending in {@code hash}, now" and appends it to the file. */
    synchronized Checkpoint record(long seq, String hash) {
        var at = clock.instant();
        Checkpoint c = Checkpoint.of(seq, hash, at, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(key.sign(Checkpoint.signed(seq, hash, at))));
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, c.token() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the checkpoint still goes back to the caller (the evaluation's answer); the file is the second copy
            LOG.error("cannot append audit checkpoint {} to {}: {}", c.token(), file.toAbsolutePath(), e.getMessage());
        }
        return c;
    }

    /** Whether this installation's key signed {@code c}. */
    public boolean signedHere(Checkpoint c) {
        try {
            return key.verify(Checkpoint.signed(c.seq(), c.hash(), c.at()), Base64.getUrlDecoder().decode(c.signature()));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /**
     * The checkpoint in the file with the most entries, if the file has any. A line that is not a
     * checkpoint, or whose signature does not verify, is reported as such: someone edited the file.
     */
    synchronized Optional<Latest> latest() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint file " + file.toAbsolutePath(), e);
        }
        Checkpoint best = null;
        String damaged = null;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                Checkpoint c = Checkpoint.parse(lines.get(i));
                if (!signedHere(c)) {
                    damaged = damaged == null ? "line " + (i + 1) + " has a signature this installation's key did not make" : damaged;
                } else if (best == null || c.seq() >= best.seq()) {
                    best = c;
                }
            } catch (IllegalArgumentException e) {
                damaged = damaged == null ? "line " + (i + 1) + " is not a checkpoint" : damaged;
            }
        }
        return best == null && damaged == null ? Optional.empty() : Optional.of(new Latest(best, damaged));
    }

    /** The best checkpoint of the file, and the first sign of tampering with the file, if any. */
    record Latest(Checkpoint checkpoint, String damage) {
    }

    /** The public half of the signing key (base64 X.509). */
    public String publicKey() {
        return key.publicKey();
    }
}
