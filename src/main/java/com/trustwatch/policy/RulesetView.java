package com.trustwatch.policy;

import com.trustwatch.rules.CheckedWorkbooks;
import com.trustwatch.rules.WorkbookTests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One ruleset version as the API shows it.
 *
 * @param rulesetVersion what evaluations and actions record when they run on it: {@code v<version>-<fingerprint>}
 * @param rules          the SHA-256 of every rule file and template it was checked with ("path sha256")
 * @param changes        for one version: every row added, removed or changed against the active version
 *                       (null in a list)
 */
@Serdeable
public record RulesetView(int version, String state, String note, @Nullable Integer basedOn, String rulesetVersion,
                          String uploadedBy, String uploadedAt, @Nullable String approvedBy, @Nullable String approvedAt,
                          @Nullable String activatedBy, @Nullable String activatedAt, @Nullable String retiredAt,
                          @Nullable String rejectedBy, @Nullable String rejectedAt, @Nullable String rejectNote,
                          boolean wasActive, List<File> workbooks, Tests tests, @Nullable List<String> rules,
                          @Nullable Integer comparedWith, @Nullable List<CheckedWorkbooks.RowChange> changes) {

    /** One workbook: name, SHA-256, size in bytes, and whether it was uploaded with this version or carried over. */
    @Serdeable
    public record File(String name, String sha256, int size, boolean uploaded) {
    }

    /** The Tests sheets' examples run on upload; a version with a failing example cannot be approved. */
    @Serdeable
    public record Tests(int run, int failed, @Nullable List<WorkbookTests.Outcome> outcomes) {
    }
}
