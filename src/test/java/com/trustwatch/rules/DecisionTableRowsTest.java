package com.trustwatch.rules;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.Hold;
import com.trustwatch.decision.Role;
import com.trustwatch.fixtures.MatterFixture;
import com.trustwatch.matter.Tier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.trustwatch.decision.ActionType.EXCEPTION_TASK;
import static com.trustwatch.decision.ActionType.INTERNAL_ALERT;
import static com.trustwatch.decision.ActionType.PAUSE_WORK_NOTICE;
import static com.trustwatch.decision.ActionType.REPLENISHMENT_REQUEST;
import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * One test per decision-table row of the shipped policy. The rows come from the mirror CSVs
 * ({@code src/test/resources/decision-tables/<sheet>.csv}); for each row, a companion file
 * ({@code examples/<sheet>.csv}) gives one example matter and what the row should make happen, in
 * columns a billing manager can read. A row without an example fails, so a new row needs a new example.
 *
 * <p>Example columns: the matter ({@code Balance, Monthly billing, Floor, Original retainer, Practice
 * area, Tier on matter}; empty = none), then the expectations (empty = not checked): {@code Tier} (the
 * tier-reserves row for that tier fires), {@code Also fires} (rule ids), {@code Threshold}, {@code Band}
 * (severity of the request and the alert), {@code Client request} (No, or the amount), {@code Held for}
 * (the codes of the reasons the request waits for a person, separated by spaces; "No": it goes out by
 * itself; a file without the column does not check it), {@code Alerts to}
 * (No, or the people), {@code Exception tasks} (No, or codes separated by ";" each with its people in
 * brackets), {@code Stop-work} (Yes/No), {@code Reason contains} (fragments separated by "|").
 */
class DecisionTableRowsTest {

    static final Path EXAMPLES = DefaultWorkbooks.MIRRORS.resolve("examples");

    /** One example of one row, with the row as the mirror has it. */
    record Example(TableTemplate template, List<String> row, Map<String, String> columns) {

        String id() {
            return row.get(0).trim();
        }

        String get(String column) {
            String v = columns.get(column);
            return v == null ? "" : v.trim();
        }
    }

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (TableTemplate template : ApprovedTables.ALL) {
            if (template.workbook().equals(ApprovedTables.LADDER)) {
                continue; // a ladder row needs an open episode: EscalationLadderRulesTest has one test per row
            }
            Map<String, Map<String, String>> examples = examples(template);
            for (List<String> row : DefaultWorkbooks.mirrorRows(template)) {
                String id = row.get(0).trim();
                Map<String, String> example = examples.get(id);
                String sentence = id + " " + row.get(1).trim() + " — "
                        + (example == null ? "(no example yet)" : example.get("Example"));
                out.add(Arguments.of(Named.of(sentence, new Example(template, row, example))));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @DisplayName("each decision-table row does what its name says")
    void theRowDoesWhatItsNameSays(Example example) {
        if (example.columns() == null) {
            fail("%s (%s › %s) has no example; add a line for it to %s", example.id(),
                    example.template().workbook(), example.template().sheet(), exampleFile(example.template()));
        }
        RulesHarness.Result result = RulesHarness.evaluate(matter(example));
        String id = example.id();
        result.fired(id);
        List<String> sameSheet = result.firedIds().stream().filter(sheetIds(example.template())::contains).toList();
        assertThat(sameSheet).as("expected %s to be the only row of '%s' to fire; fired: %s", id,
                example.template().sheet(), result.firedIds()).containsExactly(id);

        String tier = example.get("Tier");
        if (!tier.isEmpty()) {
            String reserveRow = reserveRowFor(Tier.valueOf(tier));
            assertThat(result.firedIds()).as(id + ": expected %s, i.e. %s's reserve row %s, to fire; fired: %s", tier, tier,
                    reserveRow, result.firedIds()).contains(reserveRow);
        }
        String also = example.get("Also fires");
        if (!also.isEmpty()) {
            result.fired(also.split("\\s+"));
        }
        String threshold = example.get("Threshold");
        if (!threshold.isEmpty()) {
            List<ActionProposal> withThreshold = result.actions().stream().filter(a -> a.threshold() != null).toList();
            assertThat(withThreshold).as(id + ": expected actions that name the threshold %s; actions: %s", threshold,
                    result.summary()).isNotEmpty();
            for (ActionProposal a : withThreshold) {
                assertThat(a.threshold()).as(id + ": threshold of %s by %s; actions: %s", a.type(), a.ruleId(), result.summary())
                        .isEqualByComparingTo(threshold);
            }
        }
        String band = example.get("Band");
        if (!band.isEmpty()) {
            List<ActionProposal> banded = new ArrayList<>(result.actions(REPLENISHMENT_REQUEST));
            banded.addAll(result.actions(INTERNAL_ALERT));
            assertThat(banded).as(id + ": expected a %s request or alert; actions: %s", band, result.summary()).isNotEmpty();
            assertThat(banded).as(id + ": severity of requests and alerts; actions: %s", result.summary())
                    .allSatisfy(a -> assertThat(a.band() == null ? null : a.band().name()).as("%s: band of %s by %s", id, a.type(), a.ruleId())
                            .isEqualTo(band));
        }
        String request = example.get("Client request");
        if (isNo(request)) {
            assertThat(result.actions(REPLENISHMENT_REQUEST)).as(id + ": expected no client request; actions: %s",
                    result.summary()).isEmpty();
        } else if (!request.isEmpty()) {
            ActionProposal r = result.only(REPLENISHMENT_REQUEST);
            assertThat(r.amount()).as(id + ": amount requested; actions: %s", result.summary()).isEqualByComparingTo(request);
            assertThat(r.to()).as(id + ": the request goes to the billing contact").containsExactly(Role.BILLING_CONTACT);
            String held = example.get("Held for");
            if (!held.isEmpty()) {
                assertThat(r.holds().stream().map(Hold::code).toList()).as(id + ": why the request waits for a person")
                        .containsExactlyInAnyOrderElementsOf(isNo(held) ? List.of() : List.of(held.split("\\s+")));
            }
        }
        String alerts = example.get("Alerts to");
        if (isNo(alerts)) {
            assertThat(result.actions(INTERNAL_ALERT)).as(id + ": expected no internal alert; actions: %s", result.summary())
                    .isEmpty();
        } else if (!alerts.isEmpty()) {
            assertThat(result.only(INTERNAL_ALERT).to()).as(id + ": who is alerted; actions: %s", result.summary())
                    .containsExactlyElementsOf(roles(alerts));
        }
        String tasks = example.get("Exception tasks");
        if (isNo(tasks)) {
            assertThat(result.actions(EXCEPTION_TASK)).as(id + ": expected no exception task; actions: %s", result.summary())
                    .isEmpty();
        } else if (!tasks.isEmpty()) {
            exceptionTasks(id, result, tasks);
        }
        String stopWork = example.get("Stop-work");
        if (!stopWork.isEmpty()) {
            assertThat(result.actions(PAUSE_WORK_NOTICE)).as(id + ": stop-work recommendation: %s; actions: %s", stopWork,
                    result.summary()).hasSize(isNo(stopWork) ? 0 : 1);
        }
        String reasons = result.actions().stream().map(ActionProposal::reason).collect(Collectors.joining("\n"));
        for (String fragment : example.get("Reason contains").split("\\|")) {
            if (!fragment.isBlank()) {
                assertThat(reasons).as(id + ": expected a reason that says '%s'; reasons:%n%s", fragment.trim(), reasons)
                        .contains(fragment.trim());
            }
        }
    }

    @Test
    @DisplayName("every example names a row that is in its sheet, once")
    void noExampleForARowThatIsGone() throws IOException {
        for (TableTemplate template : ApprovedTables.ALL) {
            List<String> ids = DefaultWorkbooks.mirrorRows(template).stream().map(r -> r.get(0).trim()).toList();
            List<String> exampleIds = new ArrayList<>();
            Path file = EXAMPLES.resolve(DefaultWorkbooks.mirrorFile(template));
            for (CSVRecord r : Files.exists(file) ? records(file) : List.<CSVRecord>of()) {
                exampleIds.add(r.get("Id").trim());
            }
            assertThat(exampleIds).as("examples in %s for rows of '%s' (rows: %s)", exampleFile(template),
                    template.sheet(), ids).doesNotHaveDuplicates().isSubsetOf(ids);
        }
    }

    // ---- the example matter ----------------------------------------------------------------------

    private static MatterFixture matter(Example e) {
        String practiceArea = e.get("Practice area");
        String tier = e.get("Tier on matter");
        MatterFixture m = aMatter().holding(e.get("Balance"))
                .billingMonthly(orNull(e.get("Monthly billing")))
                .withFloor(orNull(e.get("Floor")))
                .withOriginalRetainer(orNull(e.get("Original retainer")))
                .with(b -> b.practiceArea(orNull(practiceArea)));
        return tier.isEmpty() ? m : m.inTier(Tier.valueOf(tier));
    }

    // ---- expectations ------------------------------------------------------------------------------

    private static void exceptionTasks(String id, RulesHarness.Result result, String expected) {
        Map<String, List<Role>> wanted = new LinkedHashMap<>();
        for (String task : expected.split(";")) {
            String t = task.trim();
            int open = t.indexOf('(');
            String code = (open < 0 ? t : t.substring(0, open)).trim();
            wanted.put(code, open < 0 ? null : roles(t.substring(open + 1, t.lastIndexOf(')'))));
        }
        List<ActionProposal> tasks = result.actions(EXCEPTION_TASK);
        assertThat(tasks.stream().map(ActionProposal::code).toList()).as(id + ": exception tasks; actions: %s", result.summary())
                .containsExactlyInAnyOrderElementsOf(wanted.keySet());
        wanted.forEach((code, people) -> {
            if (people != null) {
                ActionProposal task = tasks.stream().filter(a -> code.equals(a.code())).findFirst().orElseThrow();
                assertThat(task.to()).as(id + ": who gets the %s task", code).containsExactlyElementsOf(people);
            }
        });
    }

    private static List<Role> roles(String people) {
        return Arrays.stream(people.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .map(p -> Role.valueOf(p.toUpperCase(Locale.ROOT).replace(' ', '_'))).toList();
    }

    private static boolean isNo(String v) {
        return v.equalsIgnoreCase("no");
    }

    private static String orNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    // ---- the tables --------------------------------------------------------------------------------

    private static List<String> sheetIds(TableTemplate template) {
        try {
            return DefaultWorkbooks.mirrorRows(template).stream().map(r -> r.get(0).trim()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String reserveRowFor(Tier tier) {
        TableTemplate reserves = ApprovedTables.ALL.stream().filter(t -> t.sheet().equals(TableChecks.TIER_RESERVES))
                .findFirst().orElseThrow();
        try {
            return DefaultWorkbooks.mirrorRows(reserves).stream().filter(r -> r.get(2).trim().equals(tier.name()))
                    .map(r -> r.get(0).trim()).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + tier + " in " + reserves.sheet()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Map<String, String>> examples(TableTemplate template) throws IOException {
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        Path file = EXAMPLES.resolve(DefaultWorkbooks.mirrorFile(template));
        if (!Files.exists(file)) {
            return byId;
        }
        for (CSVRecord r : records(file)) {
            byId.putIfAbsent(Objects.requireNonNull(r.get("Id")).trim(), r.toMap());
        }
        return byId;
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static String exampleFile(TableTemplate template) {
        return EXAMPLES.resolve(DefaultWorkbooks.mirrorFile(template)).toString().replace('\\', '/');
    }
}
