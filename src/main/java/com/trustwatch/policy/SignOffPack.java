package com.trustwatch.policy;

import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.config.FirmTime;
import com.trustwatch.db.Timestamps;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.rules.PackSignoff;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.TransitionRefusedException;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Ethics counsel sign off a compliance pack over HTTP: the sign-off is bound to the SHA-256 of the
 * pack's current text, stored, and audited. A pack whose text changed since its last sign-off needs
 * review until it is signed again. {@code rules/compliance/signoffs.csv} (pack, sha256, reviewer,
 * signed_on, note), the way firms signed off before, is imported at startup. With
 * {@code trustwatch.rules.require-signoff} real evaluations are held while any pack needs review.
 */
@Singleton
public class SignOffPack {

    private static final Logger LOG = LoggerFactory.getLogger(SignOffPack.class);
    static final String CSV = "compliance/signoffs.csv";

    private final PackSignoffs signoffs;
    private final ActiveRuleset active;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final FirmTime firmTime;

    public SignOffPack(PackSignoffs signoffs, ActiveRuleset active, AuditLog audit,
                       TransactionOperations<Connection> tx, Clock clock, FirmTime firmTime) {
        this.signoffs = signoffs;
        this.active = active;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.firmTime = firmTime;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        importCsv(Path.of(active.settings().rulesDir()).resolve(CSV));
        refreshHolds();
    }

    /** Every compliance pack of the ruleset in force, with the state of its review. */
    public List<PackStatus> packs() {
        List<PackSignoffs.Signoff> all = signoffs.all();
        List<PackStatus> out = new ArrayList<>();
        for (PackSignoff p : active.get().packs()) {
            PackSignoffs.Signoff current = null;
            PackSignoffs.Signoff last = null;
            for (PackSignoffs.Signoff s : all) {
                if (s.pack().equals(p.pack())) {
                    last = s;
                    if (s.sha256().equalsIgnoreCase(p.sha256())) {
                        current = s;
                    }
                }
            }
            if (current != null) {
                out.add(new PackStatus(p.pack(), p.table(), p.sha256(), p.rules(), p.rows(), PackStatus.SIGNED_OFF, false, current.reviewer(),
                        current.signedOn().toString(), current.note(), current.sha256()));
            } else if (last != null) {
                out.add(new PackStatus(p.pack(), p.table(), p.sha256(), p.rules(), p.rows(), PackStatus.NEEDS_REVIEW, true, last.reviewer(),
                        last.signedOn().toString(), "the text changed since this sign-off; review the change and sign off"
                        + " the new text", last.sha256()));
            } else {
                out.add(new PackStatus(p.pack(), p.table(), p.sha256(), p.rules(), p.rows(), PackStatus.NOT_SIGNED_OFF, true, null, null, null,
                        null));
            }
        }
        return out;
    }

    /** Signs off the current text of {@code pack} (e.g. {@code us-ca.drl} or {@code us-ca}) with a note. */
    public PackStatus signOff(String pack, String note, String user) {
        String name = pack.toLowerCase(Locale.ROOT).endsWith(".drl") ? pack : pack + ".drl";
        PackSignoff p = active.get().packs().stream().filter(x -> x.pack().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no compliance pack " + pack + " (packs: " + String.join(", ",
                        active.get().packs().stream().map(PackSignoff::pack).toList()) + ")"));
        if (note == null || note.isBlank()) {
            throw new InvalidInput(List.of(new FieldError(null, "note",
                    "say what was reviewed against what (a note is required)")));
        }
        tx.executeWrite(status -> {
            if (signoffs.exists(p.pack(), p.sha256(), user)) {
                throw new TransitionRefusedException(user + " has already signed off this text of " + p.pack()
                        + " (sha256 " + p.sha256() + ")");
            }
            var now = Timestamps.now(clock);
            signoffs.add(new PackSignoffs.Signoff(p.pack(), p.sha256(), user, firmTime.today(), now, note.strip(), "HTTP"));
            audit.append(AuditRecord.of(AuditKind.PACK_SIGNED_OFF, user, "rules/compliance/" + p.pack()
                    + (p.table() == null ? "" : " with its obligations table " + p.table() + " (" + p.rows() + " rows)")
                    + " signed off, sha256 " + p.sha256() + " (" + p.rules() + " rules): " + note.strip())
                    .inEvaluation(null, active.get().version()));
            return null;
        });
        LOG.info("Compliance pack {} signed off by {} (sha256 {})", p.pack(), user, p.sha256());
        refreshHolds();
        return packs().stream().filter(s -> s.pack().equals(p.pack())).findFirst().orElseThrow();
    }

    /** Holds real evaluations while a pack needs review, when the firm requires sign-off. */
    public void refreshHolds() {
        List<PackStatus> open = packs().stream().filter(PackStatus::needsReview).toList();
        if (!active.settings().requireSignoff()) {
            active.holdRealRuns(List.of());
            if (!open.isEmpty()) {
                LOG.debug("Compliance packs needing counsel's review: {}", open.stream().map(PackStatus::pack).toList());
            }
            return;
        }
        active.holdRealRuns(open.stream().map(s -> "rules/compliance/" + s.pack() + " needs ethics counsel's sign-off ("
                + s.status() + ", sha256 " + s.sha256() + "; trustwatch.rules.require-signoff is on)").toList());
    }

    /** Imports the lines of the sign-off file that are not in the database yet, each audited. */
    void importCsv(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<CSVRecord> records;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                    .setTrim(true).get().parse(in).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int line = 1;
        for (CSVRecord r : records) {
            line++;
            String pack;
            String sha;
            String reviewer;
            LocalDate signedOn;
            try {
                pack = r.get("pack");
                sha = r.get("sha256").toLowerCase(Locale.ROOT);
                reviewer = r.get("reviewer");
                signedOn = LocalDate.parse(r.get("signed_on"));
            } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException e) {
                LOG.warn("rules/{} line {}: not imported ({}); expected the columns pack,sha256,reviewer,signed_on,note",
                        CSV, line, e.getMessage());
                continue;
            }
            String note = r.isMapped("note") && r.isSet("note") ? r.get("note") : "";
            if (!sha.matches("[0-9a-f]{64}") || reviewer.isBlank() || signedOn == null) {
                LOG.warn("rules/{} line {}: not imported (sha256 must be 64 hex digits, reviewer given)", CSV, line);
                continue;
            }
            tx.executeWrite(status -> {
                if (!signoffs.exists(pack, sha, reviewer)) {
                    signoffs.add(new PackSignoffs.Signoff(pack, sha, reviewer, signedOn, Timestamps.now(clock),
                            note, "CSV"));
                    audit.append(AuditRecord.of(AuditKind.PACK_SIGNED_OFF, reviewer, "rules/compliance/" + pack
                            + " signed off on " + signedOn + ", sha256 " + sha + " (imported from rules/" + CSV + "): " + note));
                }
                return null;
            });
        }
    }
}
