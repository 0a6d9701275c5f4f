package com.trustwatch.policy;

import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.config.FirmTime;
import com.trustwatch.db.Timestamps;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.rules.CheckedWorkbooks;
import com.trustwatch.rules.Ruleset;
import com.trustwatch.rules.RulesetCompiler;
import com.trustwatch.rules.RulesetException;
import com.trustwatch.rules.WorkbookTests;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.TransitionRefusedException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * A billing manager changes the policy: uploads workbooks (checked, compiled and tested before
 * anything is stored), a second person approves, someone activates; rolling back is activating a
 * version that was active before. Every step, and every refusal of an upload, is in the audit chain
 * with the user, the version and the workbooks' SHA-256s.
 */
@Singleton
public class ChangeRuleset {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeRuleset.class);

    /** One uploaded file: its name as sent and its bytes. */
    public record Upload(String name, byte[] content) {
    }

    private final RulesetVersions versions;
    private final StoredRulesets stored;
    private final RulesetCompiler compiler;
    private final ActiveRuleset active;
    private final ActivationWatch watch;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;
    private final FirmTime firmTime;
    private final RulesetSettings settings;
    private final JsonMapper json;

    public ChangeRuleset(RulesetVersions versions, StoredRulesets stored, RulesetCompiler compiler, ActiveRuleset active,
                         ActivationWatch watch, AuditLog audit, TransactionOperations<Connection> tx, Clock clock, FirmTime firmTime,
                         RulesetSettings settings, JsonMapper json) {
        this.versions = versions;
        this.stored = stored;
        this.compiler = compiler;
        this.active = active;
        this.watch = watch;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.firmTime = firmTime;
        this.settings = settings;
        this.json = json;
    }

    /**
     * A new DRAFT version from the uploaded workbooks and, for those not uploaded, the active version's.
     * Refused with every problem (file, sheet and cell named), and nothing stored, when any workbook does
     * not pass the checks or the set does not compile; the refusal itself is audited.
     */
    public RulesetView upload(List<Upload> files, String note, String user) {
        long start = System.nanoTime();
        List<FieldError> input = new ArrayList<>();
        if (note == null || note.isBlank()) {
            input.add(new FieldError(null, "note", "say what the change is for (a note is required)"));
        } else if (note.length() > 2000) {
            input.add(new FieldError(null, "note", "at most 2000 characters"));
        }
        if (files.isEmpty()) {
            input.add(new FieldError(null, "file", "upload at least one workbook (" + String.join(", ",
                    RulesetCompiler.workbookNames()) + ")"));
        }
        if (!input.isEmpty()) {
            throw new InvalidInput(input);
        }
        Map<String, byte[]> uploaded = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Upload f : files) {
            String name = baseName(f.name());
            List<String> fileProblems = RulesetCompiler.fileProblems(name, f.content());
            if (!fileProblems.isEmpty()) {
                problems.addAll(fileProblems);
            } else if (!RulesetCompiler.workbookNames().contains(name)) {
                problems.add(name + ": not one of the approved workbooks (" + String.join(", ",
                        RulesetCompiler.workbookNames()) + "); upload it under its own name");
            } else if (uploaded.put(name, f.content()) != null) {
                problems.add(name + ": uploaded twice; upload each workbook once");
            }
        }
        Integer base = versions.activeVersion();
        Map<String, byte[]> merged = new TreeMap<>(base == null ? compiler.shippedWorkbooks() : versions.contents(base));
        merged.putAll(uploaded);
        CheckedWorkbooks checked;
        Ruleset ruleset;
        try {
            if (!problems.isEmpty()) {
                throw new RulesetException(problems);
            }
            checked = compiler.check(merged);
            ruleset = compiler.compile(merged);
        } catch (RulesetException e) {
            refused(files, uploaded, e.problems(), user);
            throw e;
        }
        List<WorkbookTests.Outcome> outcomes = WorkbookTests.run(ruleset, checked, firmTime.today());
        int failed = (int) outcomes.stream().filter(o -> !o.passed()).count();
        String manifest = compiler.rulesManifest();
        List<RulesetVersions.NewWorkbook> stored = new ArrayList<>();
        merged.forEach((name, bytes) -> stored.add(new RulesetVersions.NewWorkbook(name, RulesetCompiler.sha256(bytes),
                bytes, uploaded.containsKey(name))));
        int number = tx.executeWrite(status -> {
            Integer activeNow = versions.lockHead();
            int n = versions.nextNumber();
            LocalDateTime now = Timestamps.now(clock);
            versions.insert(new RulesetVersions.Version(n, "DRAFT", note.strip(), activeNow, ruleset.fingerprint(),
                    manifest, outcomes.size(), failed, write(outcomes), user, now, null, null, null, null, null, null,
                    null, null, false), stored);
            audit.append(AuditRecord.of(AuditKind.RULESET_UPLOADED, user, "version " + n + " uploaded as a draft"
                    + (activeNow == null ? "" : " (workbooks not uploaded are version " + activeNow + "'s)") + ": "
                    + describe(stored) + "; Tests sheets: " + (outcomes.size() - failed) + " of " + outcomes.size()
                    + " examples pass; note: " + note.strip()).inEvaluation(null, ruleset.numbered(n).version()));
            return n;
        });
        LOG.info("Ruleset version {} uploaded by {} ({} of {} examples pass) in {} ms", number, user,
                outcomes.size() - failed, outcomes.size(), (System.nanoTime() - start) / 1_000_000);
        return view(number);
    }

    /** Approves a DRAFT whose examples all pass, by someone other than its uploader (unless configured off). */
    public RulesetView approve(int number, String user) {
        tx.executeWrite(status -> {
            RulesetVersions.Version v = versions.lock(number).orElseThrow(() -> notFound(number));
            if (!"DRAFT".equals(v.state())) {
                throw new TransitionRefusedException("version " + number + " is " + v.state() + "; only a DRAFT is approved");
            }
            if (v.testsFailed() > 0) {
                throw new TransitionRefusedException("version " + number + " cannot be approved: " + v.testsFailed()
                        + " of " + v.testsRun() + " examples of its Tests sheets fail (" + failing(v) + ")");
            }
            if (settings.requireSecondApprover() && v.uploadedBy().equals(user)) {
                throw new TransitionRefusedException("version " + number + " was uploaded by " + user + "; another billing "
                        + "manager or admin must approve it (four eyes: trustwatch.rulesets.require-second-approver)");
            }
            versions.approve(number, user, Timestamps.now(clock));
            audit.append(AuditRecord.of(AuditKind.RULESET_APPROVED, user, "version " + number + " (uploaded by "
                    + v.uploadedBy() + ") approved: " + describe(versions.workbooks(number)))
                    .inEvaluation(null, label(v)));
            return null;
        });
        return view(number);
    }

    /** Rejects a DRAFT or APPROVED version; it can never be activated. */
    public RulesetView reject(int number, String note, String user) {
        tx.executeWrite(status -> {
            RulesetVersions.Version v = versions.lock(number).orElseThrow(() -> notFound(number));
            if (!"DRAFT".equals(v.state()) && !"APPROVED".equals(v.state())) {
                throw new TransitionRefusedException("version " + number + " is " + v.state()
                        + "; only a DRAFT or APPROVED version is rejected");
            }
            versions.reject(number, user, Timestamps.now(clock), note == null ? "" : note.strip());
            audit.append(AuditRecord.of(AuditKind.RULESET_REJECTED, user, "version " + number + " rejected"
                    + (note == null || note.isBlank() ? "" : ": " + note.strip())).inEvaluation(null, label(v)));
            return null;
        });
        return view(number);
    }

    /**
     * Puts an APPROVED version in force, or one that was in force before (a rollback needs no new
     * approval). The new ruleset is compiled (or taken from the cache) first, then the database records
     * it as active in one transaction with its audit entry, then this replica swaps its KieBase; the
     * others follow within {@code trustwatch.rulesets.poll-interval}.
     */
    public RulesetView activate(int number, String user) {
        RulesetVersions.Version before = versions.find(number).orElseThrow(() -> notFound(number));
        checkActivatable(before);
        Ruleset ruleset = stored.load(number);
        tx.executeWrite(status -> {
            Integer replaced = versions.lockHead();
            RulesetVersions.Version v = versions.lock(number).orElseThrow(() -> notFound(number));
            checkActivatable(v);
            boolean rollback = v.wasActive();
            versions.activate(number, replaced, user, Timestamps.now(clock));
            audit.append(AuditRecord.of(rollback ? AuditKind.RULESET_ROLLED_BACK : AuditKind.RULESET_ACTIVATED, user,
                    (rollback ? "rolled back to version " : "version ") + number + (rollback ? "" : " activated")
                            + (replaced == null ? "" : ", replacing version " + replaced) + ": "
                            + describe(versions.workbooks(number)))
                    .inEvaluation(null, ruleset.version()));
            return null;
        });
        watch.refresh();
        LOG.info("Ruleset version {} activated by {}", ruleset.version(), user);
        return view(number);
    }

    private static void checkActivatable(RulesetVersions.Version v) {
        switch (v.state()) {
            case "APPROVED" -> {
            }
            case "RETIRED" -> {
                if (!v.wasActive()) {
                    throw new TransitionRefusedException("version " + v.version() + " was never active; approve it first");
                }
            }
            case "ACTIVE" -> throw new TransitionRefusedException("version " + v.version() + " is already active");
            case "DRAFT" -> throw new TransitionRefusedException("version " + v.version() + " is a DRAFT; another "
                    + "billing manager or admin must approve it before it can be activated");
            default -> throw new TransitionRefusedException("version " + v.version() + " is " + v.state()
                    + " and cannot be activated");
        }
    }

    /** Every version, newest first, without changes or example details. */
    public List<RulesetView> list() {
        return versions.list().stream().map(v -> view(v, false)).toList();
    }

    /** One version with its examples and its row-level changes against the active version. */
    public RulesetView view(int number) {
        return view(versions.find(number).orElseThrow(() -> notFound(number)), true);
    }

    /** The decision tables of a version, sheet by sheet, as read from its workbooks. */
    public List<CheckedWorkbooks.Sheet> tables(int number) {
        versions.find(number).orElseThrow(() -> notFound(number));
        return compiler.check(versions.contents(number)).sheets();
    }

    /** The bytes of one workbook of a version. */
    public byte[] workbook(int number, String name) {
        versions.find(number).orElseThrow(() -> notFound(number));
        byte[] content = versions.contents(number).get(name);
        if (content == null) {
            throw new NoSuchElementException("version " + number + " has no workbook " + name + " (it has "
                    + String.join(", ", versions.contents(number).keySet()) + ")");
        }
        return content;
    }

    private RulesetView view(RulesetVersions.Version v, boolean full) {
        List<RulesetView.File> files = versions.workbooks(v.version()).stream()
                .map(w -> new RulesetView.File(w.name(), w.sha256(), w.size(), w.uploaded())).toList();
        Integer comparedWith = null;
        List<CheckedWorkbooks.RowChange> changes = null;
        if (full) {
            Integer activeNow = versions.activeVersion();
            if (activeNow != null) {
                comparedWith = activeNow;
                changes = activeNow == v.version() ? List.of()
                        : compiler.check(versions.contents(v.version())).changesFrom(compiler.check(versions.contents(activeNow)));
            }
        }
        return new RulesetView(v.version(), v.state(), v.note(), v.basedOn(), label(v), v.uploadedBy(),
                text(v.uploadedAt()), v.approvedBy(), text(v.approvedAt()), v.activatedBy(), text(v.activatedAt()),
                text(v.retiredAt()), v.rejectedBy(), text(v.rejectedAt()), v.rejectNote(), v.wasActive(), files,
                new RulesetView.Tests(v.testsRun(), v.testsFailed(), full ? read(v.testReport()) : null),
                full ? v.rulesManifest().lines().toList() : null, comparedWith, changes);
    }

    private String failing(RulesetVersions.Version v) {
        return String.join("; ", read(v.testReport()).stream().filter(o -> !o.passed())
                .map(o -> o.workbook() + " › " + o.sheet() + " › row " + o.row() + " " + o.id()).toList());
    }

    private static String label(RulesetVersions.Version v) {
        return "v" + v.version() + "-" + v.fingerprint();
    }

    private static String text(LocalDateTime t) {
        return t == null ? null : t.toString() + "Z";
    }

    private String write(List<WorkbookTests.Outcome> outcomes) {
        try {
            return json.writeValueAsString(outcomes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<WorkbookTests.Outcome> read(String report) {
        if (report == null || report.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(report, Argument.listOf(WorkbookTests.Outcome.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void refused(List<Upload> files, Map<String, byte[]> accepted, List<String> problems, String user) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (Upload f : files) {
            digests.put(baseName(f.name()), RulesetCompiler.sha256(f.content()));
        }
        String detail = "upload refused, nothing stored: " + String.join(", ", digests.entrySet().stream()
                .map(e -> e.getKey() + " sha256 " + e.getValue()).toList()) + "; " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + ": " + String.join(" | ", problems);
        audit.append(AuditRecord.of(AuditKind.RULESET_REFUSED, user, detail)
                .inEvaluation(null, active.get().version()));
        LOG.info("Ruleset upload by {} refused with {} problem(s)", user, problems.size());
    }

    /** The workbooks of a version as an audit entry states them: name, SHA-256, and whether uploaded. */
    static String describe(List<?> workbooks) {
        List<String> parts = new ArrayList<>();
        for (Object o : workbooks) {
            if (o instanceof RulesetVersions.NewWorkbook w) {
                parts.add(w.name() + " sha256 " + w.sha256() + (w.uploaded() ? " (uploaded)" : " (carried over)"));
            } else if (o instanceof RulesetVersions.Workbook w) {
                parts.add(w.name() + " sha256 " + w.sha256() + (w.uploaded() ? " (uploaded)" : " (carried over)"));
            }
        }
        return String.join(", ", parts);
    }

    /** A browser on Windows may send the whole path as the file name. */
    private static String baseName(String name) {
        String n = name == null ? "" : name;
        return n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1).strip();
    }

    private static NoSuchElementException notFound(int number) {
        return new NoSuchElementException("no ruleset version " + number);
    }
}
