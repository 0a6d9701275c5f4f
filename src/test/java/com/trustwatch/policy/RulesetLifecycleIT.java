package com.trustwatch.policy;

import com.trustwatch.audit.AuditLog;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.rules.RulesetCompiler;
import com.trustwatch.support.Api;
import com.trustwatch.support.Fixture;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static com.trustwatch.fixtures.Workbooks.BANDS;
import static com.trustwatch.fixtures.Workbooks.TIERS;
import static com.trustwatch.fixtures.Workbooks.edit;
import static com.trustwatch.fixtures.Workbooks.shipped;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A billing manager changes the policy over HTTP against MariaDB, end to end: the shipped tables
 * become version 1; an upload the lint refuses stores nothing and is audited; an upload whose Tests
 * sheet fails cannot be approved; a good upload shows its row-level changes, previews against the
 * book without writing anything, needs a second person to approve, activates (evaluations then record
 * the new version), rolls back without approval, and the active version survives a restart. Each test
 * starts from the shipped tables as version 1 and builds the versions it needs with the named steps of
 * {@link #given()}: the tier-2 change ({@link #theTierTwoChange()}) uploaded as a draft is version 2.
 */
@MicronautTest(transactional = false)
class RulesetLifecycleIT extends IntegrationTest {

    private static final String TIER_2_21_DAYS = "Tier 2: request under 21 days of runway and refill to a 45-day reserve";
    private static final String TIER_2_PROBE = "M-2026-0500";

    @Inject
    AuditLog audit;

    @Inject
    ActiveRuleset active;

    private Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = super.getProperties();
        }
        return properties;
    }

    @Override
    protected Map<String, String> extraProperties() {
        // an upload compiles a new ruleset; on a busy two-core machine that can take longer than the client's 10 s default
        return Map.of("micronaut.http.client.read-timeout", "120s", "trustwatch.rules.cache-dir", "");
    }

    /** The demo book and a tier-2 matter (6,000 a month) with 4,500 in trust: under 25 days of burn (5,000.00), above 21 (4,200.00). */
    private Fixture theBookWithTheTierTwoProbe() {
        return given().theDemoRoster()
                .matter(TIER_2_PROBE, Map.ofEntries(Map.entry("matterName", "Tier two probe"),
                        Map.entry("clientId", "C-500"), Map.entry("clientName", "Probe Holdings"),
                        Map.entry("billingContactEmail", "ap@probe.example"), Map.entry("attorneyEmail", "mlopez@firm.example"),
                        Map.entry("attorneyName", "Maria Lopez"), Map.entry("jurisdiction", "ABA"), Map.entry("feeType", "HOURLY"),
                        Map.entry("retainerType", "EVERGREEN"), Map.entry("status", "OPEN"), Map.entry("trustBalance", "4500.00"),
                        Map.entry("originalRetainer", "5000.00"), Map.entry("monthlyBilling", "6000.00"),
                        Map.entry("lastReconciledOn", "2026-11-02")));
    }

    /** The good change: tier 2 asks at 21 days (D6 and its name B6), and the bands' example SBX-4 expects 2,100.00 (K8). */
    private static Map<String, byte[]> theTierTwoChange() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(TIERS, edit(edit(shipped(TIERS), "Tier reserves", "D6", 21), "Tier reserves", "B6", TIER_2_21_DAYS));
        files.put(BANDS, edit(shipped(BANDS), "Tests", "K8", 2100));
        return files;
    }

    /** A change whose Tests sheet fails: tier 1 asks at 20 days, and example TTX-2 still expects 9,000.00. */
    private static Map<String, byte[]> aChangeThatFailsItsTests() throws Exception {
        return Map.of(TIERS, edit(edit(shipped(TIERS), "Tier reserves", "D5", 20), "Tier reserves", "B5",
                "Tier 1: request under 20 days of runway and refill to a 60-day reserve"));
    }

    @Test
    @DisplayName("on an empty database the shipped decision tables become version 1, active, and evaluations record v1")
    void shippedTablesAreVersionOne() throws Exception {
        theBookWithTheTierTwoProbe();
        List<Map<String, Object>> versions = api().get("billing", "/api/rulesets").list();
        assertThat(versions).singleElement().satisfies(v -> {
            assertThat(v).containsEntry("version", 1).containsEntry("state", "ACTIVE").containsEntry("uploadedBy", "system");
            assertThat(v.get("rulesetVersion").toString()).isEqualTo("v1-" + active.get().fingerprint());
        });
        assertThat(active.get().version()).startsWith("v1-");
        Map<String, Object> one = api().get("ethics", "/api/rulesets/1").json();
        assertThat((List<?>) one.get("workbooks")).hasSize(3);
        assertThat(one.get("tests")).asString().contains("run=11").contains("failed=0");
        assertThat((List<?>) one.get("rules")).anySatisfy(r -> assertThat(r.toString()).startsWith("rules/replenishment.drl "));
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'RULESET_SEEDED'")).isEqualTo(1);
        assertThat(api().postJson("scheduler", "/api/evaluations", Map.of("dryRun", true, "asOf", "2026-11-20")).json()
                .get("rulesetVersion").toString()).startsWith("v1-");
    }

    @Test
    @DisplayName("an upload the lint refuses stores nothing, names every problem by workbook, sheet and cell, and is audited with the user and SHA-256")
    void lintRefusal() throws Exception {
        byte[] bad = edit(edit(shipped(TIERS), "Tier reserves", "D5", "thirty"), "Tier reserves", "D6", 21);
        Api.Reply reply = api().postFiles("billing", "/api/rulesets", Map.of(TIERS, bad), Map.of("note", "tier 2 at 21 days"));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("message")).isEqualTo("The ruleset was refused; nothing was changed");
        assertThat(reply.json().get("errors").toString())
                .contains("tier-thresholds.xlsx › Tier reserves › D5 (Request when runway is under (days)): 'thirty' is not a whole number")
                .contains("tier-thresholds.xlsx › Tier reserves › B6, D6: the name of TR-2 (B6) states 25 but");
        assertThat(count("SELECT COUNT(*) FROM ruleset_version")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM ruleset_workbook")).isEqualTo(3);
        assertThat(auditDetails("RULESET_REFUSED")).singleElement().asString()
                .contains("tier-thresholds.xlsx sha256 " + RulesetCompiler.sha256(bad)).contains("2 problems");
        assertThat(auditActors("RULESET_REFUSED")).containsExactly("billing");
    }

    @Test
    @DisplayName("hostile uploads are refused over HTTP too: a macro-enabled name, a zip bomb, a file that is not one of the workbooks, a request over the size cap")
    void hostileUploads() throws Exception {
        assertThat(api().postFiles("billing", "/api/rulesets", Map.of("tier-thresholds.xlsm", shipped(TIERS)),
                Map.of("note", "x")).json().get("errors").toString()).contains("a macro-enabled workbook (.xlsm) is refused");
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 20; i++) {
                zip.write(zeros);
            }
        }
        assertThat(api().postFiles("billing", "/api/rulesets", Map.of(TIERS, bomb.toByteArray()), Map.of("note", "x"))
                .json().get("errors").toString()).contains("inflates to more than");
        assertThat(api().postFiles("billing", "/api/rulesets", Map.of("my-tiers.xlsx", shipped(TIERS)), Map.of("note", "x"))
                .json().get("errors").toString()).contains("my-tiers.xlsx: not one of the approved workbooks");
        assertThat(api().postFiles("billing", "/api/rulesets", Map.of(TIERS, new byte[5 * 1024 * 1024]), Map.of("note", "x"))
                .status()).isEqualTo(413);
        assertThat(api().postFiles("billing", "/api/rulesets", Map.of(TIERS, shipped(TIERS)), Map.of()).status())
                .as("a note is required").isEqualTo(422);
        assertThat(api().postFiles("ethics", "/api/rulesets", Map.of(TIERS, shipped(TIERS)), Map.of("note", "x")).status())
                .as("counsel do not upload tables").isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM ruleset_version")).isEqualTo(1);
        // the three files the checks refused are audited; the request over the size cap, the one without a
        // note and counsel's upload are refused before any file is read
        assertThat(auditActors("RULESET_REFUSED")).containsExactly("billing", "billing", "billing");
    }

    @Test
    @DisplayName("an upload whose Tests sheet fails is stored as a draft with each failing row, expected against actual, and cannot be approved")
    void failingTestsBlockApproval() throws Exception {
        Api.Reply reply = api().postFiles("billing", "/api/rulesets", aChangeThatFailsItsTests(), Map.of("note", "tier 1 at 20 days"));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json()).containsEntry("version", 2).containsEntry("state", "DRAFT");
        assertThat(reply.json().get("tests").toString()).contains("failed=1").contains("id=TTX-2").contains("row=6")
                .contains("column=Expected threshold, cell=K6, expected=9000.00, actual=6000.00");
        Api.Reply approve = api().postJson("admin", "/api/rulesets/2/approve", Map.of());
        assertThat(approve.status()).isEqualTo(409);
        assertThat(approve.json().get("message").toString()).contains("cannot be approved: 1 of 11 examples of its Tests "
                + "sheets fail (tier-thresholds.xlsx › Tests › row 6 TTX-2)");
        assertThat(api().postJson("admin", "/api/rulesets/2/activate", Map.of()).status()).isEqualTo(409);
        Api.Reply rejected = api().postJson("admin", "/api/rulesets/2/reject", Map.of("note", "breaks the 9,000 example"));
        assertThat(rejected.json()).containsEntry("state", "REJECTED").containsEntry("rejectedBy", "admin");
        assertThat(api().postJson("admin", "/api/rulesets/2/activate", Map.of()).json().get("message").toString())
                .contains("version 2 is REJECTED and cannot be activated");
    }

    @Test
    @DisplayName("a good upload of two workbooks: the other one is carried over, every example passes, and the version shows its row-level changes against the active one")
    void goodUpload() throws Exception {
        theBookWithTheTierTwoProbe();
        Map<String, byte[]> files = theTierTwoChange();
        byte[] tiers = files.get(TIERS);
        Api.Reply reply = api().postFiles("billing", "/api/rulesets", files, Map.of("note", "tier 2 asks at 21 days"));
        assertThat(reply.status()).isEqualTo(201);
        Map<String, Object> v2 = reply.json();
        assertThat(v2).containsEntry("version", 2).containsEntry("state", "DRAFT").containsEntry("basedOn", 1)
                .containsEntry("comparedWith", 1);
        assertThat(v2.get("tests").toString()).contains("run=11").contains("failed=0");
        assertThat(v2.get("workbooks").toString()).contains("name=escalation-ladder.xlsx").contains("uploaded=false")
                .contains("sha256=" + RulesetCompiler.sha256(tiers));
        assertThat(v2.get("changes").toString())
                .contains("change=CHANGED, workbook=tier-thresholds.xlsx, sheet=Tier reserves, rowId=TR-2, rowName=" + TIER_2_21_DAYS
                        + ", column=Request when runway is under (days), cell=D6, oldValue=25, newValue=21")
                .contains("column=Name, cell=B6, oldValue=Tier 2: request under 25 days of runway and refill to a 45-day reserve")
                .contains("sheet=Tests, rowId=SBX-4").contains("column=Expected threshold, cell=K8, oldValue=2500.00, newValue=2100.00");
        assertThat(api().download("billing", "/api/rulesets/2/files/" + TIERS)).isEqualTo(tiers);
        assertThat(api().get("billing", "/api/rulesets/2/files/nothing.xlsx").status()).isEqualTo(404);
        assertThat(auditDetails("RULESET_UPLOADED")).anySatisfy(d -> assertThat(d).startsWith("version 2 uploaded as a draft")
                .contains(TIERS + " sha256 " + RulesetCompiler.sha256(tiers) + " (uploaded)")
                .contains("escalation-ladder.xlsx sha256 ").contains("(carried over)").contains("11 of 11 examples pass"));
    }

    @Test
    @DisplayName("the preview runs the whole book under v1 and the tier-2 draft (v2) and shows what changes (the tier-2 probe, 4,500 in trust, is no longer asked for 4,500.00), writing and sending nothing")
    void preview() throws Exception {
        theBookWithTheTierTwoProbe().rulesetDraft(theTierTwoChange(), "tier 2 asks at 21 days");
        long actions = count("SELECT COUNT(*) FROM planned_action");
        long auditEntries = count("SELECT COUNT(*) FROM audit_entry");
        long evaluations = count("SELECT COUNT(*) FROM evaluation");
        Map<String, Object> p = api().postJson("billing", "/api/rulesets/2/preview", Map.of("asOf", "2026-11-20")).json();
        assertThat(p).containsEntry("version", 2).containsEntry("asOf", "2026-11-20").containsEntry("mattersEvaluated", 13);
        assertThat(p.get("activeRulesetVersion").toString()).startsWith("v1-");
        assertThat(p.get("previewedRulesetVersion").toString()).startsWith("v2-");
        @SuppressWarnings("unchecked")
        Map<String, Object> before = (Map<String, Object>) p.get("before");
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) p.get("after");
        assertThat((int) before.get("mattersWithRequest") - (int) after.get("mattersWithRequest")).isEqualTo(1);
        assertThat(new java.math.BigDecimal(before.get("amountRequested").toString())
                .subtract(new java.math.BigDecimal(after.get("amountRequested").toString()))).isEqualByComparingTo("4500.00");
        assertThat((int) before.get("clientEmails") - (int) after.get("clientEmails")).isEqualTo(1);
        assertThat(p.get("changes").toString()).contains("matterNumber=M-2026-0500")
                .contains("threshold={before=5000.00, after=4200.00}")
                .contains("change=REMOVED, type=REPLENISHMENT_REQUEST");
        assertThat(p).containsEntry("mattersChanged", 1);
        assertThat(count("SELECT COUNT(*) FROM planned_action")).isEqualTo(actions);
        assertThat(count("SELECT COUNT(*) FROM audit_entry")).isEqualTo(auditEntries);
        assertThat(count("SELECT COUNT(*) FROM evaluation")).isEqualTo(evaluations);
        assertThat(count("SELECT COUNT(*) FROM outbox")).isZero();
    }

    @Test
    @DisplayName("four eyes: the uploader cannot approve, another billing manager or an admin can; activation swaps the rules and evaluations record the new version")
    void approveAndActivate() throws Exception {
        theBookWithTheTierTwoProbe().rulesetDraft(theTierTwoChange(), "tier 2 asks at 21 days");
        Api.Reply own = api().postJson("billing", "/api/rulesets/2/approve", Map.of());
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.json().get("message").toString()).contains("was uploaded by billing; another billing manager or admin must approve it");
        assertThat(api().postJson("scheduler", "/api/rulesets/2/approve", Map.of()).status()).isEqualTo(403);
        assertThat(api().postJson("admin", "/api/rulesets/2/approve", Map.of()).json())
                .containsEntry("state", "APPROVED").containsEntry("approvedBy", "admin");
        Map<String, Object> activated = api().postJson("billing", "/api/rulesets/2/activate", Map.of()).json();
        assertThat(activated).containsEntry("state", "ACTIVE").containsEntry("activatedBy", "billing");
        assertThat(active.get().version()).startsWith("v2-");
        assertThat(api().get("billing", "/api/rulesets/1").json()).containsEntry("state", "RETIRED");
        Map<String, Object> catalogue = api().get("billing", "/api/rules").json();
        assertThat(catalogue.get("rulesetVersion").toString()).startsWith("v2-");
        assertThat(catalogue.get("rules").toString()).contains(TIER_2_21_DAYS);

        Map<String, Object> run = api().postJson("scheduler", "/api/evaluations", Map.of("asOf", "2026-11-20")).json();
        assertThat(run.get("rulesetVersion").toString()).startsWith("v2-");
        assertThat(count("SELECT COUNT(*) FROM planned_action")).as("the run recorded its actions").isPositive();
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE ruleset_version NOT LIKE 'v2-%'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM planned_action WHERE matter_number = 'M-2026-0500'"
                + " AND type = 'REPLENISHMENT_REQUEST'")).isZero();
        assertThat(auditDetails("RULESET_ACTIVATED")).singleElement().asString().startsWith("version 2 activated, replacing version 1")
                .contains(TIERS + " sha256 ");
    }

    @Test
    @DisplayName("rolling back is activating version 1 again, without a new approval; it is audited as a rollback")
    void rollback() throws Exception {
        theBookWithTheTierTwoProbe()
                .rulesetDraft(theTierTwoChange(), "tier 2 asks at 21 days")
                .rulesetApproved(2, "admin")
                .rulesetActivated(2, "billing");
        Map<String, Object> back = api().postJson("billing", "/api/rulesets/1/activate", Map.of()).json();
        assertThat(back).containsEntry("state", "ACTIVE");
        assertThat(active.get().version()).startsWith("v1-");
        assertThat(api().get("billing", "/api/rulesets/2").json()).containsEntry("state", "RETIRED");
        assertThat(auditDetails("RULESET_ROLLED_BACK")).singleElement().asString()
                .startsWith("rolled back to version 1, replacing version 2");
        assertThat(api().postJson("billing", "/api/rulesets/1/activate", Map.of()).status()).isEqualTo(409);
    }

    @Test
    @DisplayName("the active version survives a restart: after a rejected draft (v2), the tier-2 change (v3) activated and rolled back, a new instance on the same database starts on version 1, and v3 is one activation away")
    void restart() throws Exception {
        given().rulesetDraft(aChangeThatFailsItsTests(), "tier 1 at 20 days")
                .rulesetRejected(2, "admin", "breaks the 9,000 example")
                .rulesetDraft(theTierTwoChange(), "tier 2 asks at 21 days")
                .rulesetApproved(3, "admin")
                .rulesetActivated(3, "billing")
                .rulesetActivated(1, "billing");
        assertThat(active.get().version()).startsWith("v1-");
        Map<String, Object> p = new HashMap<>(getProperties());
        try (ApplicationContext restarted = ApplicationContext.builder().environments(Environment.TEST).properties(p).start()) {
            ActiveRuleset after = restarted.getBean(ActiveRuleset.class);
            assertThat(after.get().version()).isEqualTo(active.get().version());
            assertThat(restarted.getBean(ChangeRuleset.class).list()).extracting(RulesetView::state)
                    .containsExactly("RETIRED", "REJECTED", "ACTIVE");
        }
        assertThat(audit.verify().valid()).as("the audit chain").isTrue();
    }

    private List<String> auditDetails(String kind) throws Exception {
        return column("SELECT detail FROM audit_entry WHERE kind = '" + kind + "' ORDER BY seq");
    }

    private List<String> auditActors(String kind) throws Exception {
        return column("SELECT actor FROM audit_entry WHERE kind = '" + kind + "' ORDER BY seq");
    }

    private List<String> column(String sql) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new String(rs.getString(1).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
