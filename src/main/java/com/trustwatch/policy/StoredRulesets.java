package com.trustwatch.policy;

import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.Timestamps;
import com.trustwatch.rules.CheckedWorkbooks;
import com.trustwatch.rules.Ruleset;
import com.trustwatch.rules.RulesetCompiler;
import com.trustwatch.rules.RulesetSource;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ruleset versions in the database as rulesets. On an empty database the shipped
 * decision-tables folder becomes version 1, active; from then on the database is the source of truth
 * and the folder is only the starting point for a new firm. Every version is compiled with the rule
 * files of this service's rules folder, so a release that changes a rule file gives the active
 * version a new fingerprint (recorded and audited once).
 */
@Singleton
public class StoredRulesets implements RulesetSource {

    private static final Logger LOG = LoggerFactory.getLogger(StoredRulesets.class);

    private final RulesetVersions versions;
    private final RulesetCompiler compiler;
    private final AuditLog audit;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public StoredRulesets(RulesetVersions versions, RulesetCompiler compiler, AuditLog audit,
                          TransactionOperations<Connection> tx, Clock clock) {
        this.versions = versions;
        this.compiler = compiler;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Ruleset startup() {
        long start = System.nanoTime();
        Integer active = versions.activeVersion();
        if (active == null) {
            active = seed();
        }
        Ruleset ruleset = load(active);
        LOG.info("Ruleset version {} in force ({} rules, rules folder {}) in {} ms", ruleset.version(),
                ruleset.catalogue().size(), compiler.rulesManifest().lines().count() + " rule files and templates",
                (System.nanoTime() - start) / 1_000_000);
        return ruleset;
    }

    /** Version {@code number} compiled with this service's rule files (from the cache when it was compiled before). */
    public Ruleset load(int number) {
        Map<String, byte[]> workbooks = versions.contents(number);
        Ruleset ruleset = compiler.compile(workbooks).numbered(number);
        RulesetVersions.Version stored = versions.find(number).orElseThrow();
        if (!stored.fingerprint().equals(ruleset.fingerprint())) {
            String manifest = compiler.rulesManifest();
            tx.executeWrite(status -> {
                RulesetVersions.Version row = versions.lock(number).orElseThrow();
                if (!row.fingerprint().equals(ruleset.fingerprint())) {
                    versions.refingerprint(number, ruleset.fingerprint(), manifest);
                    audit.append(AuditRecord.of(AuditKind.RULESET_RULES_CHANGED, "system", "version " + number
                            + " now runs with other rule files (a release changed rules/): fingerprint "
                            + row.fingerprint() + " → " + ruleset.fingerprint() + "; rule files now:\n" + manifest)
                            .inEvaluation(null, ruleset.version()));
                    LOG.info("Ruleset version {} runs with changed rule files: fingerprint {} -> {}", number,
                            row.fingerprint(), ruleset.fingerprint());
                }
                return null;
            });
        }
        return ruleset;
    }

    /** The shipped workbooks as version 1, active; returns the active version (another replica may have seeded). */
    private int seed() {
        Map<String, byte[]> shipped = compiler.shippedWorkbooks();
        CheckedWorkbooks checked = compiler.check(shipped);
        Ruleset ruleset = compiler.compile(shipped);
        String manifest = compiler.rulesManifest();
        return tx.executeWrite(status -> {
            Integer active = versions.lockHead();
            if (active != null) {
                return active;
            }
            var now = Timestamps.now(clock);
            int number = versions.nextNumber();
            List<RulesetVersions.NewWorkbook> files = new ArrayList<>();
            shipped.forEach((name, bytes) -> files.add(new RulesetVersions.NewWorkbook(name,
                    RulesetCompiler.sha256(bytes), bytes, true)));
            versions.insert(new RulesetVersions.Version(number, "APPROVED", "the shipped decision tables", null,
                    ruleset.fingerprint(), manifest, checked.exampleCount(), 0, null, "system", now, null, null, null,
                    null, null, null, null, null, false), files);
            versions.approve(number, "system", now);
            versions.activate(number, null, "system", now);
            audit.append(AuditRecord.of(AuditKind.RULESET_SEEDED, "system", "version " + number
                    + " seeded from the shipped decision-tables folder and activated: " + ChangeRuleset.describe(files))
                    .inEvaluation(null, ruleset.numbered(number).version()));
            LOG.info("Empty database: the shipped decision tables are ruleset version {}, active", number);
            return number;
        });
    }
}
