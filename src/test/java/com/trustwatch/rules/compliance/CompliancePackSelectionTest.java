package com.trustwatch.rules.compliance;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.fixtures.MatterFixture;
import com.trustwatch.matter.Jurisdiction;
import com.trustwatch.matter.Matter;
import com.trustwatch.rules.RulesHarness;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.trustwatch.decision.ActionType.COMPLIANCE_FLAG;
import static com.trustwatch.fixtures.MatterFixture.aMatter;
import static com.trustwatch.rules.RulesHarness.AS_OF;
import static com.trustwatch.rules.RulesHarness.evaluate;
import static com.trustwatch.rules.compliance.ComplianceAssertions.flagBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which pack a matter is checked against: its state's pack when there is one (rules/compliance/us-xx.drl),
 * the ABA pack otherwise, and the common pack always.
 */
class CompliancePackSelectionTest {

    private static final Path PACKS = Path.of("rules/compliance");

    @ParameterizedTest(name = "a healthy {0} matter (hourly, flat fee in trust, or closed and paid out) raises nothing at all")
    @ValueSource(strings = {"ABA", "US-OH", "US-PA", "US-CA", "US-NY", "US-TX", "US-FL", "US-IL", "US-WA", "US-MA", "US-NJ"})
    void healthyMattersRaiseNothing(String jurisdiction) {
        List<MatterFixture> healthy = List.of(
                aMatter(),
                aMatter().flatFeeHeldIn("TRUST").flatFeeDisclosureSigned(true).nonrefundableFeeTerm(false)
                        .lastDepositOn(AS_OF.minusDays(30)).receiptNotifiedOn(AS_OF.minusDays(28)),
                aMatter().closedOn(AS_OF.minusDays(120)).holding("0.00").reconciledOn(AS_OF.minusDays(120)),
                aMatter().withSms("+1 555 0100", true).disputed("2000.00"));
        for (MatterFixture matter : healthy) {
            var result = evaluate(matter.inJurisdiction(jurisdiction).lastAccountingOn(AS_OF.minusDays(100)));
            assertThat(result.actions(COMPLIANCE_FLAG)).as("compliance flags: %s", result.summary()).isEmpty();
            assertThat(result.actions()).as("actions: %s", result.summary()).isEmpty();
        }
    }

    @Test
    @DisplayName("a US-CA matter's reconciliation flag cites California's row, not the ABA default")
    void stateWithPackDoesNotGetAba() {
        var result = evaluate(aMatter().inJurisdiction("US-CA").reconciledOn(AS_OF.minusDays(40)));
        assertThat(flagBy(result, "CM-011").citation()).startsWith("Cal. ");
    }

    @Test
    @DisplayName("a US-OH matter, with no pack of its own, reads the default pack's reconciliation row")
    void stateWithoutPackGetsAba() {
        assertThat(flagBy(evaluate(aMatter().inJurisdiction("US-OH").reconciledOn(AS_OF.minusDays(40))), "CM-011")
                .citation()).startsWith("ABA Model Rules");
    }

    @Test
    @DisplayName("every state with a pack file is excluded from the ABA pack (aba.drl's hasOwnPack list matches the us-*.drl files)")
    void everyPackFileExcludesAba() throws IOException {
        List<String> states = packStates();
        assertThat(states).as("state packs in %s", PACKS).isNotEmpty();
        for (String state : states) {
            // a matter that breaks every ABA rule: stale reconciliation, flat fee in operating, "nonrefundable"
            var result = evaluate(aMatter().inJurisdiction(state).flatFeeHeldIn("OPERATING").nonrefundableFeeTerm(true)
                    .reconciledOn(AS_OF.minusDays(200)));
            assertThat(result.firedIds()).as("%s has its own pack (rules/compliance/%s.drl) but ABA rules fired; "
                            + "add it to hasOwnPack() in aba.drl", state, state.toLowerCase(Locale.ROOT))
                    .noneMatch(id -> id.startsWith("ABA-"));
            assertThat(RulesHarness.shippedRuleset().obligations().all()).as("obligation rows of %s", state)
                    .anyMatch(o -> state.equals(o.jurisdiction()));
        }
    }

    @Test
    @DisplayName("every valid jurisdiction gets exactly one reconciliation flag for a ledger not reconciled for 200 days")
    void everyJurisdictionHasOneReconciliationRule() {
        // Every code Jurisdiction accepts: ABA and each US-XX it does not reject.
        List<Matter> book = new ArrayList<>();
        book.add(aMatter().reconciledOn(AS_OF.minusDays(200)).build());
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                String code = "US-" + a + b;
                if (isValid(code)) {
                    book.add(aMatter().inJurisdiction(code).reconciledOn(AS_OF.minusDays(200)).build());
                }
            }
        }
        assertThat(book).hasSizeGreaterThan(50);
        var result = evaluate(AS_OF, List.of(), book);
        Map<String, List<String>> byJurisdiction = new TreeMap<>();
        for (Matter m : book) {
            byJurisdiction.put(m.jurisdiction(), result.actions(COMPLIANCE_FLAG).stream()
                    .filter(a -> a.matterNumber().equals(m.matterNumber()) && "RECONCILIATION_OVERDUE".equals(a.code()))
                    .map(ActionProposal::ruleId).toList());
        }
        assertThat(byJurisdiction).as("reconciliation rules that fired, by jurisdiction")
                .allSatisfy((jurisdiction, rules) -> assertThat(rules).as(jurisdiction).hasSize(1));
    }

    private static boolean isValid(String code) {
        try {
            return Jurisdiction.normalise(code).equals(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** US-CA for rules/compliance/us-ca.drl, and so on. */
    private static List<String> packStates() throws IOException {
        try (Stream<Path> files = Files.list(PACKS)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("us-[a-z]{2}\\.drl"))
                    .map(n -> n.substring(0, 5).toUpperCase(Locale.ROOT))
                    .sorted().collect(Collectors.toList());
        }
    }
}
