package com.trustwatch.rules;

import java.util.List;
import java.util.stream.Stream;

import static com.trustwatch.rules.TableTemplate.expected;
import static com.trustwatch.rules.TableTemplate.optional;
import static com.trustwatch.rules.TableTemplate.required;
import static com.trustwatch.rules.TableTemplate.withIdAndName;

/**
 * The decision tables Trustwatch accepts, sheet by sheet. Changing a header or adding a column is
 * a developer change (here and in the rule template); changing a value is a billing manager's.
 */
final class ApprovedTables {

    static final String TIERS = "tier-thresholds.xlsx";
    static final String BANDS = "severity-bands.xlsx";
    static final String LADDER = "escalation-ladder.xlsx";

    static final List<TableTemplate> ALL = List.of(
            new TableTemplate(TIERS, "Tier by monthly billing", "tier-by-billing.drt", withIdAndName(
                    optional("Monthly billing at least", "atLeast", CellKind.MONEY),
                    optional("Monthly billing below", "below", CellKind.MONEY),
                    required("Client tier", "tier", CellKind.TIER))),
            new TableTemplate(TIERS, "Tier reserves", "tier-reserves.drt", withIdAndName(
                    required("Client tier", "tier", CellKind.TIER),
                    required("Request when runway is under (days)", "triggerDays", CellKind.WHOLE_NUMBER),
                    required("Refill to a reserve of (days)", "reserveDays", CellKind.WHOLE_NUMBER))),
            new TableTemplate(TIERS, "Practice minimums", "practice-minimums.drt", withIdAndName(
                    required("Practice area", "practiceArea", CellKind.PRACTICE_AREA),
                    required("Minimum balance", "minimum", CellKind.MONEY),
                    required("Attorney review required", "attorneyReview", CellKind.YES_NO))),
            new TableTemplate(TIERS, "Fallback threshold", "fallback-threshold.drt", withIdAndName(
                    required("Share of original retainer", "share", CellKind.PERCENT))),
            new TableTemplate(BANDS, "Severity bands", "severity-bands.drt", withIdAndName(
                    optional("Balance at least (share of threshold)", "atLeast", CellKind.PERCENT),
                    optional("Balance below (share of threshold)", "below", CellKind.PERCENT),
                    optional("Balance at or below zero", "depleted", CellKind.YES_NO),
                    optional("Actively billing", "billing", CellKind.YES_NO),
                    required("Band", "band", CellKind.BAND),
                    required("Notify within (hours)", "hours", CellKind.WHOLE_NUMBER),
                    required("Client request", "clientRequest", CellKind.YES_NO),
                    required("Alert attorney", "attorney", CellKind.YES_NO),
                    required("Alert billing manager", "billingManager", CellKind.YES_NO),
                    required("Alert managing partner", "managingPartner", CellKind.YES_NO),
                    required("Exception task", "exceptionTask", CellKind.YES_NO),
                    required("Stop-work recommendation", "stopWork", CellKind.YES_NO))),
            new TableTemplate(BANDS, "Emergency queue", "emergency-queue.drt", withIdAndName(
                    required("Balance below", "below", CellKind.MONEY),
                    required("Notify", "notify", CellKind.ROLES))),
            new TableTemplate(LADDER, "Escalation ladder", "escalation-ladder.drt", withIdAndName(
                    required("Stage", "stage", CellKind.WHOLE_NUMBER),
                    required("Business days after the first request", "days", CellKind.WHOLE_NUMBER),
                    required("Action", "action", CellKind.ESCALATION_KIND),
                    required("To", "to", CellKind.ROLES),
                    optional("CC", "cc", CellKind.ROLES),
                    required("Stop-work recommendation", "stopWork", CellKind.YES_NO)),
                    new LadderRowsCheck()));

    /** The name of the optional sheet of examples every workbook may carry. */
    static final String TESTS_SHEET = "Tests";

    /**
     * The columns of a Tests sheet: one example matter per row (its facts) and what the whole ruleset
     * should decide for it. An empty expectation is not checked; "none" expects that nothing is decided.
     */
    static final List<TableTemplate.Column> TEST_COLUMNS = List.of(
            required("Id", "id", CellKind.ID),
            required("Name", "name", CellKind.TEXT),
            optional("Monthly billing", "monthlyBilling", CellKind.MONEY),
            required("Trust balance", "balance", CellKind.SIGNED_MONEY),
            optional("Fee-agreement floor", "floor", CellKind.MONEY),
            optional("Original retainer", "originalRetainer", CellKind.MONEY),
            optional("Client tier on the matter", "tier", CellKind.TIER),
            optional("Practice area", "practiceArea", CellKind.PRACTICE_AREA),
            optional("Business days since the first request", "daysOpen", CellKind.WHOLE_NUMBER),
            expected("Expected tier", "expectedTier", CellKind.TIER),
            expected("Expected threshold", "expectedThreshold", CellKind.MONEY),
            expected("Expected request", "expectedRequest", CellKind.MONEY),
            expected("Expected band", "expectedBand", CellKind.BAND),
            expected("Expected ladder stage", "expectedStage", CellKind.WHOLE_NUMBER));

    /** The optional Tests sheet of each workbook. */
    static final List<TableTemplate> TESTS = ALL.stream().map(TableTemplate::workbook).distinct()
            .map(w -> new TableTemplate(w, TESTS_SHEET, null, TEST_COLUMNS)).toList();

    /** The approved workbooks' file names. */
    static final List<String> WORKBOOKS = ALL.stream().map(TableTemplate::workbook).distinct().toList();

    /** Every sheet a workbook may hold: its rule sheets, then its optional Tests sheet. */
    static List<TableTemplate> sheetsOf(String workbook) {
        return Stream.concat(ALL.stream(), TESTS.stream()).filter(t -> t.workbook().equals(workbook)).toList();
    }

    private ApprovedTables() {
    }
}
