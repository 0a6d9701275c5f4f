package com.trustwatch.bench;

import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.Days;
import com.trustwatch.decision.EpisodeKey;
import com.trustwatch.decision.JurisdictionNames;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.Obligation;
import com.trustwatch.decision.Obligations;
import com.trustwatch.decision.Role;
import com.trustwatch.decision.UnclearedFunds;
import com.trustwatch.matter.FeeType;
import com.trustwatch.matter.MatterStatus;
import com.trustwatch.matter.RetainerType;
import com.trustwatch.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The compliance packs (rules/compliance: the common pack, the ABA default pack, the state packs and the
 * uncleared-funds pack) written out by hand in plain Java, no Drools: the like-for-like baseline for the
 * packs, as {@link BaselinePolicy} is for the replenishment policy. For every matter it builds the same
 * flags, tasks and data-quality items the packs insert, through the same {@link ActionProposal} builder,
 * field by field: rule name, reason text, episode key, citation (the obligation row's, or the rule's own
 * looked up by id as {@code RuleEngine} does), severity, code, concern and recipients.
 *
 * <p>Each rule's condition is the pack's {@code when} (quoted above the method that builds its proposal)
 * in Java; each consequence is the pack's {@code then} with {@code insert} replaced by adding to the list.
 * The obligations tables are the ruleset's own ({@link Obligations}, read once from the pack tables), so
 * the figures stay counsel's. What it needs besides the matter: whether an SMS channel is in use (CM-008,
 * CM-091) and the matter's uncleared funds, if any (UF-001 to UF-010).
 *
 * <p>{@code BaselineAgreementTest} and {@link BaselineAgreement} check it against the packs proposal by
 * proposal; {@link RulesPhaseBenchmark} times it with {@link BaselinePolicy} as the full baseline.
 */
public final class BaselinePacks {

    /** The states with a pack of their own (aba.drl's hasOwnPack list); every other jurisdiction reads the ABA pack. */
    private static final Set<String> OWN_PACK = Set.of("US-CA", "US-FL", "US-IL", "US-MA", "US-NJ", "US-NY", "US-TX", "US-WA");
    private static final BigDecimal THOUSAND = new BigDecimal("1000");
    private static final BigDecimal IOLTA_LARGE = new BigDecimal("100000");
    private static final BigDecimal IOLTA_LONG_HELD = new BigDecimal("25000");

    // the rules' names and the metadata ActionProposal.flag and .task read (severity, code, concern)
    private static final String ABA_002 = "ABA-002 A flat fee paid in advance is in the operating account";
    private static final Map<String, Object> ABA_002_META = Map.of("severity", "MEDIUM", "code", "ADVANCE_FEE_NOT_IN_TRUST");
    private static final String ABA_003 = "ABA-003 The fee agreement calls the fee nonrefundable";
    private static final Map<String, Object> ABA_003_META = Map.of("severity", "LOW", "code", "NONREFUNDABLE_FEE_TERM");
    private static final String ABA_004 = "ABA-004 An Ohio flat fee is in the operating account: check the designation and the written notice Ohio requires";
    private static final Map<String, Object> ABA_004_META = Map.of("severity", "LOW", "code", "ADVANCE_FEE_NOT_IN_TRUST");
    private static final String CM_001 = "CM-001 A client trust ledger shows a balance below zero";
    private static final Map<String, Object> CM_001_META = Map.of("severity", "CRITICAL", "code", "NEGATIVE_CLIENT_LEDGER", "concern", "balance");
    private static final String CM_002 = "CM-002 An open matter keeps billing with nothing left in trust";
    private static final Map<String, Object> CM_002_META = Map.of("severity", "LOW", "code", "BILLING_AGAINST_DEPLETED_RETAINER", "concern", "balance");
    private static final String CM_003 = "CM-003 A closed matter still holds money not in dispute after 30 days";
    private static final Map<String, Object> CM_003_META = Map.of("severity", "MEDIUM", "code", "UNEARNED_FUNDS_NOT_RETURNED");
    private static final String CM_004 = "CM-004 A closed matter still holds money not in dispute after 90 days";
    private static final Map<String, Object> CM_004_META = Map.of("severity", "HIGH", "code", "UNEARNED_FUNDS_NOT_RETURNED");
    private static final String CM_005 = "CM-005 Trust holds less than the amount in dispute";
    private static final Map<String, Object> CM_005_META = Map.of("severity", "HIGH", "code", "DISPUTED_FUNDS_RELEASED");
    private static final String CM_009 = "CM-009 A closed, disputed matter still holds money that is not in dispute";
    private static final Map<String, Object> CM_009_META = Map.of("severity", "MEDIUM", "code", "UNDISPUTED_PORTION_NOT_DISTRIBUTED");
    private static final String CM_010 = "CM-010 A large or long-held trust balance may belong in a separate interest-bearing account";
    private static final Map<String, Object> CM_010_META = Map.of("severity", "LOW", "code", "IOLTA_PLACEMENT_REVIEW");
    private static final String CM_011 = "CM-011 The trust account has not been reconciled within the period the matter's jurisdiction sets";
    private static final Map<String, Object> CM_011_META = Map.of("code", "RECONCILIATION_OVERDUE");
    private static final String CM_012 = "CM-012 The client was not told of a deposit within the period the matter's jurisdiction sets";
    private static final Map<String, Object> CM_012_META = Map.of("code", "RECEIPT_NOTICE_LATE");
    private static final String CM_006 = "CM-006 An evergreen hourly retainer has no minimum trust balance in its fee agreement";
    private static final Map<String, Object> CM_006_META = Map.of("severity", "LOW", "code", "MISSING_FEE_AGREEMENT_FLOOR");
    private static final String CM_007 = "CM-007 The fee agreement's minimum balance covers less than 10 days of billing";
    private static final Map<String, Object> CM_007_META = Map.of("severity", "LOW", "code", "FLOOR_BELOW_MIN_RUNWAY");
    private static final String CM_008 = "CM-008 A billing contact with a mobile number has declined text messages";
    private static final Map<String, Object> CM_008_META = Map.of("severity", "LOW", "code", "SMS_NO_CONSENT");
    private static final String CM_090 = "CM-090 A live client ledger with no reconciliation date on record is a data-quality item";
    private static final Map<String, Object> CM_090_META = Map.of("severity", "LOW", "code", "DATA_QUALITY_RECONCILIATION_UNKNOWN");
    private static final String CM_091 = "CM-091 A billing mobile number with no answer on consent to texts is a data-quality item";
    private static final Map<String, Object> CM_091_META = Map.of("severity", "LOW", "code", "DATA_QUALITY_SMS_CONSENT_UNKNOWN");
    private static final String CM_092 = "CM-092 A closed matter with no closing date is a data-quality item";
    private static final Map<String, Object> CM_092_META = Map.of("severity", "LOW", "code", "DATA_QUALITY_CLOSED_DATE_UNKNOWN");
    private static final String CM_093 = "CM-093 A disputed matter with no disputed amount is a data-quality item";
    private static final Map<String, Object> CM_093_META = Map.of("severity", "LOW", "code", "DATA_QUALITY_DISPUTED_AMOUNT_UNKNOWN");
    private static final String CM_094 = "CM-094 A flat-fee matter with no record of which account holds the fee is a data-quality item";
    private static final Map<String, Object> CM_094_META = Map.of("severity", "LOW", "code", "DATA_QUALITY_FLAT_FEE_ACCOUNT_UNKNOWN");
    private static final String UF_001 = "UF-001 Money was paid out of trust in New York against deposits that have not cleared";
    private static final Map<String, Object> UF_001_META = Map.of("severity", "HIGH", "code", "UNCOLLECTED_FUNDS_DISBURSEMENT");
    private static final String UF_002 = "UF-002 Money was paid out of trust in Florida against deposits that have not cleared";
    private static final Map<String, Object> UF_002_META = Map.of("severity", "HIGH", "code", "UNCOLLECTED_FUNDS_DISBURSEMENT");
    private static final String UF_003 = "UF-003 Money was paid out of trust in New Jersey against deposits that have not cleared";
    private static final Map<String, Object> UF_003_META = Map.of("severity", "HIGH", "code", "UNCOLLECTED_FUNDS_DISBURSEMENT");
    private static final String UF_010 = "UF-010 Money was paid out of trust against deposits that have not cleared (product default)";
    private static final Map<String, Object> UF_010_META = Map.of("severity", "MEDIUM", "code", "UNCOLLECTED_FUNDS_DISBURSEMENT");
    private static final String CA_002 = "CA-002 A flat fee over $1,000 is in the operating account without a disclosure the client signed";
    private static final Map<String, Object> CA_002_META = Map.of("severity", "HIGH", "code", "FLAT_FEE_DISCLOSURE_MISSING");
    private static final String CA_005 = "CA-005 A flat fee of $1,000 or less is in the operating account: check the written disclosure";
    private static final Map<String, Object> CA_005_META = Map.of("severity", "LOW", "code", "FLAT_FEE_DISCLOSURE_MISSING");
    private static final String CA_004 = "CA-004 Undisputed money on a closed California matter has waited more than 45 days";
    private static final Map<String, Object> CA_004_META = Map.of("severity", "MEDIUM", "code", "UNDISPUTED_FUNDS_NOT_DISTRIBUTED");
    private static final String CA_090 = "CA-090 A California flat fee in the operating account with no amount on record is a data-quality item";
    private static final Map<String, Object> CA_090_META = Map.of("severity", "LOW", "code", "DATA_QUALITY_FLAT_FEE_AMOUNT_UNKNOWN");
    private static final String FL_002 = "FL-002 A refundable flat fee is in the operating account";
    private static final Map<String, Object> FL_002_META = Map.of("severity", "HIGH", "code", "ADVANCE_FEE_NOT_IN_TRUST");
    private static final String FL_003 = "FL-003 A nonrefundable fee must be confirmed in writing";
    private static final Map<String, Object> FL_003_META = Map.of("severity", "LOW", "code", "NONREFUNDABLE_FEE_TERM");
    private static final String FL_090 = "FL-090 A flat fee in operating with unknown refund terms is a data-quality item";
    private static final Map<String, Object> FL_090_META = Map.of("severity", "LOW", "code", "DATA_QUALITY_FEE_TERMS_UNKNOWN");
    private static final String IL_003 = "IL-003 The fee agreement calls the fee nonrefundable";
    private static final Map<String, Object> IL_003_META = Map.of("severity", "HIGH", "code", "NONREFUNDABLE_FEE_TERM");
    private static final String NY_002 = "NY-002 The fee agreement calls the fee nonrefundable";
    private static final Map<String, Object> NY_002_META = Map.of("severity", "HIGH", "code", "NONREFUNDABLE_FEE_TERM");
    private static final String TX_002 = "TX-002 A flat fee paid in advance is in the operating account";
    private static final Map<String, Object> TX_002_META = Map.of("severity", "HIGH", "code", "ADVANCE_FEE_NOT_IN_TRUST");
    private static final String TX_003 = "TX-003 The fee agreement calls the fee nonrefundable";
    private static final Map<String, Object> TX_003_META = Map.of("severity", "LOW", "code", "NONREFUNDABLE_FEE_TERM");
    private static final String WA_002 = "WA-002 The client has had no written accounting of trust funds for more than a year";
    private static final Map<String, Object> WA_002_META = Map.of("severity", "MEDIUM", "code", "ANNUAL_ACCOUNTING_DUE");
    private static final String WA_003 = "WA-003 A flat fee is in the operating account without a flat-fee agreement the client signed";
    private static final Map<String, Object> WA_003_META = Map.of("severity", "HIGH", "code", "FLAT_FEE_AGREEMENT_UNSIGNED");
    private static final String WA_004 = "WA-004 No written accounting is recorded after a Washington matter was paid out and closed";
    private static final Map<String, Object> WA_004_META = Map.of("severity", "LOW", "code", "ACCOUNTING_AFTER_DISTRIBUTION_NOT_RECORDED");
    private static final String WA_090 = "WA-090 Money held with no written accounting on record is a data-quality item";
    private static final Map<String, Object> WA_090_META = Map.of("severity", "LOW", "code", "DATA_QUALITY_ACCOUNTING_UNKNOWN");

    private final Obligations obligations;
    private final boolean sms;
    private final Function<String, String> citations;

    /**
     * @param obligations the pack tables' rows ({@code Ruleset.obligations()})
     * @param sms         whether an SMS channel is in use ({@code DeliveryChannels.sms()})
     * @param citations   a rule's citation by the rule's name ({@code Ruleset::citationOfRuleNamed})
     */
    public BaselinePacks(Obligations obligations, boolean sms, Function<String, String> citations) {
        this.obligations = obligations;
        this.sms = sms;
        this.citations = citations;
    }

    /** Adds the proposals the compliance packs make for the matter to {@code out}. */
    public void propose(MatterFacts m, List<ActionProposal> out) {
        propose(m, null, out);
    }

    /** As {@link #propose(MatterFacts, List)}, with the matter's uncleared funds (null: none). */
    public void propose(MatterFacts m, UnclearedFunds uncleared, List<ActionProposal> out) {
        String j = m.jurisdiction();
        boolean ownPack = j != null && OWN_PACK.contains(j);
        boolean open = m.open();
        boolean closed = m.status() == MatterStatus.CLOSED;
        BigDecimal balance = m.balance();
        int sign = balance.signum();
        boolean flatInOperating = open && m.feeType() == FeeType.FLAT_FEE && "OPERATING".equals(m.flatFeeAccount());
        Boolean nonrefundable = m.nonrefundableFeeTerm();
        Integer closedDays = m.daysSinceClosed();
        Integer reconciledDays = m.daysSinceReconciliation();
        Integer depositDays = m.daysSinceLastDeposit();
        Integer accountingDays = m.daysSinceAccounting();

        // aba.drl: the default pack, for every jurisdiction without one of its own
        if (!ownPack) {
            if (!"US-OH".equals(j) && flatInOperating) {
                aba002(m, out);
            }
            if (Boolean.TRUE.equals(nonrefundable)) {
                aba003(m, out);
            }
        }
        if ("US-OH".equals(j) && flatInOperating) {
            aba004(m, out);
        }

        // common.drl: money in trust
        if (sign < 0) {
            for (Obligation row : obligations.negativeLedger(j)) {
                cm001(m, row, out);
            }
        }
        if (open && m.activelyBilling() && sign == 0) {
            cm002(m, out);
        }
        if (closed && !m.disputed() && sign > 0 && closedDays != null && closedDays > 30 && closedDays <= 90
                && !californiaRuleTakesOver(m)) {
            cm003(m, out);
        }
        if (closed && !m.disputed() && sign > 0 && closedDays != null && closedDays > 90) {
            cm004(m, out);
        }
        if (m.disputed() && m.disputedAmount() != null && balance.compareTo(m.disputedAmount()) < 0) {
            cm005(m, out);
        }
        if (closed && m.disputed() && m.disputedAmount() != null && balance.compareTo(m.disputedAmount()) > 0
                && closedDays != null && closedDays > 30 && !californiaRuleTakesOver(m)) {
            cm009(m, out);
        }
        if (balance.compareTo(IOLTA_LARGE) >= 0
                || (balance.compareTo(IOLTA_LONG_HELD) >= 0 && depositDays != null && depositDays > 90)) {
            cm010(m, out);
        }
        // common.drl: the obligations each pack states as rows
        if (ledgerLive(m) && reconciledDays != null) {
            for (Obligation row : obligations.reconciliation(j)) {
                if (row.covers(reconciledDays)) {
                    cm011(m, row, out);
                }
            }
        }
        if (depositDays != null && Boolean.FALSE.equals(m.receiptNotified())) {
            for (Obligation row : obligations.receiptNotice(j)) {
                if (row.covers(depositDays)) {
                    cm012(m, row, out);
                }
            }
        }
        // common.drl: firm policy and text messages
        boolean evergreenHourly = open && m.retainerType() == RetainerType.EVERGREEN
                && (m.feeType() == FeeType.HOURLY || m.feeType() == FeeType.HYBRID);
        if (evergreenHourly && m.floor() == null) {
            cm006(m, out);
        }
        if (evergreenHourly && m.floor() != null && m.activelyBilling() && m.floor().compareTo(m.burnFor(10)) < 0) {
            cm007(m, out);
        }
        if (sms && open && m.hasBillingPhone() && Boolean.FALSE.equals(m.smsConsent())) {
            cm008(m, out);
        }
        // common.drl: data quality
        if (reconciledDays == null && ledgerLive(m)) {
            cm090(m, out);
        }
        if (sms && open && m.hasBillingPhone() && m.smsConsent() == null) {
            cm091(m, out);
        }
        if (closed && closedDays == null) {
            cm092(m, out);
        }
        if (m.disputed() && m.disputedAmount() == null) {
            cm093(m, out);
        }
        if (open && m.feeType() == FeeType.FLAT_FEE && m.flatFeeAccount() == null) {
            cm094(m, out);
        }

        // uncleared-funds.drl
        if (uncleared != null && uncleared.matterNumber().equals(m.matterNumber()) && uncleared.cleared().signum() < 0) {
            if ("US-NY".equals(j)) {
                uf001(m, uncleared, out);
            }
            if ("US-FL".equals(j)) {
                uf002(m, uncleared, out);
            }
            if ("US-NJ".equals(j)) {
                uf003(m, uncleared, out);
            }
            if (!"US-NY".equals(j) && !"US-FL".equals(j) && !"US-NJ".equals(j)) {
                uf010(m, uncleared, out);
            }
        }

        if (j == null || !ownPack) {
            return;
        }
        boolean notSigned = !Boolean.TRUE.equals(m.flatFeeDisclosureSigned());
        switch (j) {
            case "US-CA" -> {
                if (flatInOperating && m.flatFeeAmount() != null && m.flatFeeAmount().compareTo(THOUSAND) > 0 && notSigned) {
                    ca002(m, out);
                }
                if (flatInOperating && m.flatFeeAmount() != null && m.flatFeeAmount().compareTo(THOUSAND) <= 0 && notSigned) {
                    ca005(m, out);
                }
                if (closed && closedDays != null && closedDays > 45
                        && m.undisputedBalance() != null && m.undisputedBalance().signum() > 0) {
                    ca004(m, out);
                }
                if (flatInOperating && m.flatFeeAmount() == null && notSigned) {
                    ca090(m, out);
                }
            }
            case "US-FL" -> {
                if (flatInOperating && Boolean.FALSE.equals(nonrefundable)) {
                    fl002(m, out);
                }
                if (Boolean.TRUE.equals(nonrefundable)) {
                    fl003(m, out);
                }
                if (flatInOperating && nonrefundable == null) {
                    fl090(m, out);
                }
            }
            case "US-IL" -> {
                if (Boolean.TRUE.equals(nonrefundable)) {
                    il003(m, out);
                }
            }
            case "US-NY" -> {
                if (Boolean.TRUE.equals(nonrefundable)) {
                    ny002(m, out);
                }
            }
            case "US-TX" -> {
                if (flatInOperating) {
                    tx002(m, out);
                }
                if (Boolean.TRUE.equals(nonrefundable)) {
                    tx003(m, out);
                }
            }
            case "US-WA" -> {
                if (sign > 0 && accountingDays != null && accountingDays > 365) {
                    wa002(m, out);
                }
                if (flatInOperating && notSigned) {
                    wa003(m, out);
                }
                if (closed && sign == 0 && closedDays != null && closedDays > 30
                        && (accountingDays == null || accountingDays > closedDays)) {
                    wa004(m, out);
                }
                if (sign > 0 && accountingDays == null) {
                    wa090(m, out);
                }
            }
            default -> {
                // US-MA and US-NJ: every obligation of theirs is a row of their tables (above)
            }
        }
    }

    /** A proposal with its rule's citation where it has none of its own (a row's), as {@code RuleEngine} adds it. */
    private void add(List<ActionProposal> out, ActionProposal p) {
        String citation = p.citation() != null ? null : citations.apply(p.ruleName());
        out.add(citation == null ? p : p.withCitation(citation));
    }

    // ---- the packs' helper functions (common.drl, uncleared-funds.drl) ------------------------------

    private static boolean ledgerLive(MatterFacts m) {
        return m.open() || m.balance().signum() != 0;
    }

    private static String cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String amount(BigDecimal amount) {
        return Money.letter(amount);
    }

    private static String day(LocalDate date) {
        return Days.letter(date);
    }

    private static String feeKind(FeeType type) {
        return type == null ? "" : type.name().toLowerCase(Locale.ROOT).replace("_", "-");
    }

    private static boolean californiaRuleTakesOver(MatterFacts m) {
        return "US-CA".equals(m.jurisdiction()) && m.daysSinceClosed() != null && m.daysSinceClosed() > 45;
    }

    private static String unclearedReason(MatterFacts m, UnclearedFunds u) {
        return "Trust holds " + amount(m.balance()) + " for this matter, of which " + amount(u.uncleared())
                + " is in deposits whose funds have not cleared (the last clears on " + day(u.clearsBy()) + "). The cleared"
                + " funds come to " + amount(u.cleared()) + ", so " + amount(u.drawnAgainst()) + " paid out for this matter"
                + " rests on money the bank has not yet collected; if a deposit is returned, other clients' money will have"
                + " paid for it.";
    }

    // ---- one method per rule: the pack's consequence ------------------------------------------------

    // ABA-002 when: $m : MatterFacts(!hasOwnPack(jurisdiction), jurisdiction != "US-OH", open, feeType == FeeType.FLAT_FEE, flatFeeAccount == "OPERATING")
    private void aba002(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, ABA_002, ABA_002_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The flat fee for this open matter is recorded as deposited to the operating account. Under ABA "
                        + "Model Rule 1.15(c) and ABA Formal Opinion 505, a fee paid in advance stays in trust until it is "
                        + "earned, whatever it is called, unless it is a true retainer paid only to secure the lawyer's "
                        + "availability; the matter record cannot show which it is. Trustwatch has no pack of its own for "
                        + JurisdictionNames.of(m.jurisdiction()) + ", and some states' rules differ. Check that state's "
                        + "rule and the fee agreement; if the fee belongs in trust, move the unearned part there.")
                .episode(EpisodeKey.flag("ADVANCE_FEE_NOT_IN_TRUST", "operating"))
                .build());
    }

    // ABA-003 when: $m : MatterFacts(!hasOwnPack(jurisdiction), nonrefundableFeeTerm != null && nonrefundableFeeTerm == true)
    private void aba003(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, ABA_003, ABA_003_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The fee agreement for this matter calls the fee nonrefundable. Under the ABA Model Rules the label "
                        + "does not make an advance fee earned, and any unearned part must be refunded if the "
                        + "representation ends early; some states permit the wording only with a written notice to the "
                        + "client about refunds. Check that the agreement matches the rule of "
                        + JurisdictionNames.of(m.jurisdiction()) + " and explains the client's right to a refund of any "
                        + "unearned part.")
                .episode(EpisodeKey.standing("NONREFUNDABLE_FEE_TERM"))
                .build());
    }

    // ABA-004 when: $m : MatterFacts(jurisdiction == "US-OH", open, feeType == FeeType.FLAT_FEE, flatFeeAccount == "OPERATING")
    private void aba004(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, ABA_004, ABA_004_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The flat fee for this open Ohio matter is recorded as deposited to the operating account. Ohio's "
                        + "rule differs from the ABA model here: as Ohio's Board of Professional Conduct reads it (Advisory "
                        + "Opinion 2016-1), a flat fee may be kept outside trust if the fee agreement designates it as "
                        + "earned upon receipt or nonrefundable, and the client is told in writing that a refund may be due "
                        + "if the representation is not completed. "
                        + (Boolean.TRUE.equals(m.nonrefundableFeeTerm())
                                ? "The agreement is recorded as calling the fee nonrefundable; the record does not show the written notice. "
                                : "The record does not show such a designation or the written notice. ")
                        + "Check the fee agreement for both; if either is missing, the unearned part of the fee belongs in trust.")
                .episode(EpisodeKey.flag("ADVANCE_FEE_NOT_IN_TRUST", "operating"))
                .build());
    }

    // CM-001 when: $m : MatterFacts(balance < 0, $j : jurisdiction) PackObligation(kind == Obligation.Kind.NEGATIVE_LEDGER, jurisdiction == $j, $row : row)
    private void cm001(MatterFacts m, Obligation row, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CM_001, CM_001_META, row)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER, Role.MANAGING_PARTNER)
                .reason("The trust ledger for this matter shows a balance of " + amount(m.balance()) + " on "
                        + day(m.asOf()) + ". If this figure is correct, payments for this matter were made with money "
                        + "held for other clients, which the trust accounting rules do not allow. It may instead be a "
                        + "posting or timing error, such as a deposit not yet recorded or a payment posted to the wrong "
                        + "matter. Check the ledger entries against the bank statement today; if there is a real "
                        + "shortage, restore it at once and record how it arose."
                        + (row.says() == null ? "" : " " + row.saysFor(m.jurisdiction())))
                .episode(EpisodeKey.flag("NEGATIVE_CLIENT_LEDGER", "balance=" + cents(m.balance())))
                .build());
    }

    // CM-002 when: $m : MatterFacts(open, activelyBilling, balance.signum() == 0)
    private void cm002(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CM_002, CM_002_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("Trust holds " + amount(m.balance()) + " for this open " + feeKind(m.feeType()) + " matter, "
                        + "which bills about " + amount(m.monthlyBilling()) + " a month. Billing is not a problem in "
                        + "itself, but fees for new work cannot be paid from this matter's trust balance until the "
                        + "client replenishes it, and a payment from trust now would use other clients' money. Check "
                        + "that no transfer from trust is scheduled for this matter and that the replenishment request "
                        + "has gone out.")
                .episode(EpisodeKey.flag("BILLING_AGAINST_DEPLETED_RETAINER", "balance=" + cents(m.balance())))
                .build());
    }

    // CM-003 when: $m : MatterFacts(status == MatterStatus.CLOSED, !disputed, balance > 0, daysSinceClosed != null && daysSinceClosed > 30 && daysSinceClosed <= 90, !californiaRuleTakesOver(this))
    private void cm003(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CM_003, CM_003_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("This matter was closed on " + day(m.closedOn()) + " (" + m.daysSinceClosed() + " days ago) "
                        + "and trust still holds " + amount(m.balance()) + ", none of it recorded as disputed. The money "
                        + "may be unearned fees or costs to refund, earned fees not yet withdrawn, or funds owed to "
                        + "someone else. Check what the balance represents and, unless there is a reason to hold it, pay "
                        + "it to the person entitled to it or withdraw the earned part.")
                .episode(EpisodeKey.flagSince("UNEARNED_FUNDS_NOT_RETURNED", "closed", m.closedOn(), "MEDIUM"))
                .build());
    }

    // CM-004 when: $m : MatterFacts(status == MatterStatus.CLOSED, !disputed, balance > 0, daysSinceClosed != null && daysSinceClosed > 90)
    private void cm004(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CM_004, CM_004_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("This matter was closed on " + day(m.closedOn()) + " (" + m.daysSinceClosed() + " days ago) "
                        + "and trust still holds " + amount(m.balance()) + ", none of it recorded as disputed. The money "
                        + "may be unearned fees or costs to refund, earned fees not yet withdrawn, or funds owed to "
                        + "someone else. Money left this long after closing is at risk of being treated as not promptly "
                        + "delivered. Check what the balance represents and pay it to the person entitled to it or "
                        + "withdraw the earned part now, or record why it is held.")
                .episode(EpisodeKey.flagSince("UNEARNED_FUNDS_NOT_RETURNED", "closed", m.closedOn(), "HIGH"))
                .build());
    }

    // CM-005 when: $m : MatterFacts(disputed, disputedAmount != null && balance < disputedAmount)
    private void cm005(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CM_005, CM_005_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The matter is recorded as disputed over " + amount(m.disputedAmount()) + ", but trust holds only "
                        + amount(m.balance()) + ". If the disputed amount was held in trust, some of it may have been paid "
                        + "out before the dispute was resolved, which the trust accounting rules do not allow. The "
                        + "difference may instead mean that the dispute concerns money that was never in trust, such as "
                        + "unpaid invoices, or that the recorded disputed amount is out of date. Check what the dispute "
                        + "covers and what was paid out since it arose; if disputed money left trust, consider restoring "
                        + "it until the dispute is resolved.")
                .episode(EpisodeKey.flag("DISPUTED_FUNDS_RELEASED", "disputed=" + cents(m.disputedAmount()) + ",balance=" + cents(m.balance())))
                .build());
    }

    // CM-009 when: $m : MatterFacts(status == MatterStatus.CLOSED, disputed, disputedAmount != null && balance > disputedAmount, daysSinceClosed != null && daysSinceClosed > 30, !californiaRuleTakesOver(this))
    private void cm009(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CM_009, CM_009_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("This matter was closed on " + day(m.closedOn()) + " (" + m.daysSinceClosed() + " days ago). "
                        + "Trust holds " + amount(m.balance()) + ", of which " + amount(m.disputedAmount()) + " is recorded "
                        + "as disputed and must stay in trust until the dispute is resolved. The remaining "
                        + amount(m.undisputedBalance()) + " is not recorded as disputed and may be due to the client or "
                        + "to others now. Check who is entitled to the undisputed part and pay it out, keeping the "
                        + "disputed amount in trust.")
                .episode(EpisodeKey.flagSince("UNDISPUTED_PORTION_NOT_DISTRIBUTED", "closed", m.closedOn()))
                .build());
    }

    // CM-010 when: $m : MatterFacts(balance >= 100000 || (balance >= 25000 && daysSinceLastDeposit != null && daysSinceLastDeposit > 90))
    private void cm010(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CM_010, CM_010_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("Trust holds " + amount(m.balance()) + " for this matter"
                        + (m.daysSinceLastDeposit() == null ? "" : ", and the last deposit was on " + day(m.lastDepositOn())
                                + " (" + m.daysSinceLastDeposit() + " days ago)") + ". Pooled IOLTA accounts are meant for "
                        + "client money that is small or held briefly; money that could earn net interest for the client "
                        + "may belong in a separate interest-bearing trust account for the client's benefit. This is a "
                        + "judgment for the responsible lawyer. Check where the money is held and whether the expected "
                        + "amount and holding time justify a separate account.")
                .episode(EpisodeKey.standing("IOLTA_PLACEMENT_REVIEW"))
                .build());
    }

    // CM-011 when: $m : MatterFacts(ledgerLive(this), daysSinceReconciliation != null, $j : jurisdiction, $days : daysSinceReconciliation) PackObligation(kind == Obligation.Kind.RECONCILIATION, jurisdiction == $j, covers($days), $row : row)
    private void cm011(MatterFacts m, Obligation row, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CM_011, CM_011_META, row)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The trust account was last reconciled for this matter on " + day(m.lastReconciledOn()) + " ("
                        + m.daysSinceReconciliation() + " days ago). " + row.saysFor(m.jurisdiction())
                        + " Check whether a reconciliation was done and not recorded; if not, reconcile the account now.")
                .episode(EpisodeKey.flagSince("RECONCILIATION_OVERDUE", "last-reconciled", m.lastReconciledOn(), row.stage()))
                .build());
    }

    // CM-012 when: $m : MatterFacts(daysSinceLastDeposit != null, receiptNotified != null && receiptNotified == false, $j : jurisdiction, $days : daysSinceLastDeposit) PackObligation(kind == Obligation.Kind.RECEIPT_NOTICE, jurisdiction == $j, covers($days), $row : row)
    private void cm012(MatterFacts m, Obligation row, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CM_012, CM_012_META, row)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("Funds were deposited for this matter on " + day(m.lastDepositOn()) + " ("
                        + m.daysSinceLastDeposit() + " days ago), and no notice of the receipt to the client is recorded "
                        + "on or after that date. " + row.saysFor(m.jurisdiction()) + " Check whether a notice, receipt "
                        + "or statement reached the client and record its date; if none was sent, notify the client now "
                        + "and note the reason for any delay.")
                .episode(EpisodeKey.flagSince("RECEIPT_NOTICE_LATE", "deposit", m.lastDepositOn()))
                .build());
    }

    // CM-006 when: $m : MatterFacts(open, retainerType == RetainerType.EVERGREEN, feeType == FeeType.HOURLY || feeType == FeeType.HYBRID, floor == null)
    private void cm006(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CM_006, CM_006_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("Firm policy: this open " + feeKind(m.feeType()) + " matter is on an evergreen retainer, but its "
                        + "fee agreement sets no minimum trust balance, so any replenishment threshold for it comes from the "
                        + "firm's policy tables (the tier's runway minimum, the practice minimum or a share of the original "
                        + "retainer), not from an agreement with the client. Consider agreeing a minimum balance with the "
                        + "client when the fee agreement is next updated.")
                .episode(EpisodeKey.standing("MISSING_FEE_AGREEMENT_FLOOR"))
                .build());
    }

    // CM-007 when: $m : MatterFacts(open, retainerType == RetainerType.EVERGREEN, feeType == FeeType.HOURLY || feeType == FeeType.HYBRID, floor != null && activelyBilling && floor < burnFor(10))
    private void cm007(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CM_007, CM_007_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("Firm policy: the minimum trust balance in the fee agreement (" + amount(m.floor()) + ") covers "
                        + "less than 10 days of this matter's projected billing (" + amount(m.burnFor(10)) + ", at about "
                        + amount(m.monthlyBilling()) + " a month), so the balance may run out between a replenishment "
                        + "request and the client's payment. Consider proposing a higher minimum balance to the client.")
                .episode(EpisodeKey.flag("FLOOR_BELOW_MIN_RUNWAY", "floor=" + cents(m.floor())))
                .build());
    }

    // CM-008 when: DeliveryChannels(sms) $m : MatterFacts(open, hasBillingPhone, smsConsent != null && smsConsent == false)
    private void cm008(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CM_008, CM_008_META)
                .to(Role.BILLING_MANAGER)
                .reason("The billing contact has a mobile number on file but has not agreed to receive text messages, or "
                        + "has withdrawn agreement. Trustwatch will send reminders for this matter by email only. No action "
                        + "is needed unless the client asks for texts; if so, record the consent, its date and how it was "
                        + "given.")
                .episode(EpisodeKey.standing("SMS_NO_CONSENT"))
                .build());
    }

    // CM-090 when: $m : MatterFacts(daysSinceReconciliation == null, ledgerLive(this))
    private void cm090(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.task(m, CM_090, CM_090_META)
                .to(Role.BILLING_MANAGER)
                .reason("No date of the last reconciliation is recorded for this matter, which holds "
                        + amount(m.balance()) + ", so Trustwatch cannot tell whether the reconciliation "
                        + JurisdictionNames.of(m.jurisdiction()) + " requires is overdue. Please record the date of the "
                        + "last reconciliation that covered this matter's ledger.")
                .episode(EpisodeKey.dataQuality("reconciliation-unknown"))
                .build());
    }

    // CM-091 when: DeliveryChannels(sms) $m : MatterFacts(open, hasBillingPhone, smsConsent == null)
    private void cm091(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.task(m, CM_091, CM_091_META)
                .to(Role.BILLING_MANAGER)
                .reason("The billing contact has a mobile number on file, but the record does not say whether the client "
                        + "agreed to receive text messages. No texts will be sent until an answer is recorded. Please "
                        + "record whether consent was given, when, and how.")
                .episode(EpisodeKey.dataQuality("sms-consent-unknown"))
                .build());
    }

    // CM-092 when: $m : MatterFacts(status == MatterStatus.CLOSED, daysSinceClosed == null)
    private void cm092(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.task(m, CM_092, CM_092_META)
                .to(Role.BILLING_MANAGER)
                .reason("This matter is closed but no closing date is recorded"
                        + (m.balance().signum() == 0 ? "" : ", and trust still holds " + amount(m.balance()))
                        + ", so Trustwatch cannot tell "
                        + (m.balance().signum() == 0 ? "" : "how long the money has waited to be paid out or ")
                        + "until when the matter's records must be kept. Please record the closing date.")
                .episode(EpisodeKey.dataQuality("closed-date-unknown"))
                .build());
    }

    // CM-093 when: $m : MatterFacts(disputed, disputedAmount == null)
    private void cm093(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.task(m, CM_093, CM_093_META)
                .to(Role.BILLING_MANAGER)
                .reason("The matter is marked as disputed but the disputed amount is not recorded, so Trustwatch cannot "
                        + "check that the disputed part of the " + amount(m.balance()) + " held stays in trust, or that "
                        + "the rest is paid out. Please record the amount in dispute.")
                .episode(EpisodeKey.dataQuality("disputed-amount-unknown"))
                .build());
    }

    // CM-094 when: $m : MatterFacts(open, feeType == FeeType.FLAT_FEE, flatFeeAccount == null)
    private void cm094(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.task(m, CM_094, CM_094_META)
                .to(Role.BILLING_MANAGER)
                .reason("This open flat-fee matter does not record whether the fee was deposited to trust or to the "
                        + "operating account, so the flat-fee rules of " + JurisdictionNames.of(m.jurisdiction())
                        + " cannot be checked. Please record where the fee was deposited.")
                .episode(EpisodeKey.dataQuality("flat-fee-account-unknown"))
                .build());
    }

    // UF-001 when: $u : UnclearedFunds($n : matterNumber, cleared < 0) $m : MatterFacts(matterNumber == $n, jurisdiction == "US-NY")
    private void uf001(MatterFacts m, UnclearedFunds u, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, UF_001, UF_001_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason(unclearedReason(m, u) + " New York ethics guidance does not allow escrow payments against deposits"
                        + " that have not cleared. Check what was paid out since the deposit; until the funds clear, do not pay"
                        + " out more, and if a deposit is returned, restore the shortfall at once.")
                .episode(EpisodeKey.flag("UNCOLLECTED_FUNDS_DISBURSEMENT", "cleared=" + cents(u.cleared()) + ",clears-by=" + u.clearsBy()))
                .build());
    }

    // UF-002 when: $u : UnclearedFunds($n : matterNumber, cleared < 0) $m : MatterFacts(matterNumber == $n, jurisdiction == "US-FL")
    private void uf002(MatterFacts m, UnclearedFunds u, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, UF_002, UF_002_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason(unclearedReason(m, u) + " Florida does not allow disbursements against uncollected funds, except"
                        + " for some low-risk instruments its rule lists. Check what kind of deposit it was and what was paid"
                        + " out since; until the funds clear, do not pay out more.")
                .episode(EpisodeKey.flag("UNCOLLECTED_FUNDS_DISBURSEMENT", "cleared=" + cents(u.cleared()) + ",clears-by=" + u.clearsBy()))
                .build());
    }

    // UF-003 when: $u : UnclearedFunds($n : matterNumber, cleared < 0) $m : MatterFacts(matterNumber == $n, jurisdiction == "US-NJ")
    private void uf003(MatterFacts m, UnclearedFunds u, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, UF_003, UF_003_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason(unclearedReason(m, u) + " New Jersey's trust-account rules expect deposited funds to clear before"
                        + " they are paid out. Check what was paid out since the deposit; until the funds clear, do not pay out"
                        + " more.")
                .episode(EpisodeKey.flag("UNCOLLECTED_FUNDS_DISBURSEMENT", "cleared=" + cents(u.cleared()) + ",clears-by=" + u.clearsBy()))
                .build());
    }

    // UF-010 when: $u : UnclearedFunds($n : matterNumber, cleared < 0) $m : MatterFacts(matterNumber == $n, jurisdiction not in ("US-NY", "US-FL", "US-NJ"))
    private void uf010(MatterFacts m, UnclearedFunds u, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, UF_010, UF_010_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason(unclearedReason(m, u) + " This is Trustwatch's default check, not a rule it can cite for this"
                        + " jurisdiction. Check what was paid out since the deposit; until the funds clear, consider paying out"
                        + " nothing more.")
                .episode(EpisodeKey.flag("UNCOLLECTED_FUNDS_DISBURSEMENT", "cleared=" + cents(u.cleared()) + ",clears-by=" + u.clearsBy()))
                .build());
    }

    // CA-002 when: $m : MatterFacts(jurisdiction == "US-CA", open, feeType == FeeType.FLAT_FEE, flatFeeAccount == "OPERATING", flatFeeAmount != null && flatFeeAmount > 1000, flatFeeDisclosureSigned != true)
    private void ca002(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CA_002, CA_002_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The flat fee of " + amount(m.flatFeeAmount()) + " for this open matter is recorded as deposited "
                        + "to the operating account, and "
                        + (m.flatFeeDisclosureSigned() == null ? "no disclosure signed by the client is on record"
                                                                : "the disclosure is recorded as not signed by the client")
                        + ". In California a flat fee over $1,000 may be kept outside trust only if the client's agreement "
                        + "and the required disclosures (the right to have the fee held in trust until earned, and the "
                        + "right to a refund of any unearned part) are in a writing the client signed. Check the file for "
                        + "that signed writing; if there is none, move the unearned part of the fee to trust or obtain "
                        + "the client's signed agreement.")
                .episode(EpisodeKey.flag("FLAT_FEE_DISCLOSURE_MISSING", "operating"))
                .build());
    }

    // CA-005 when: $m : MatterFacts(jurisdiction == "US-CA", open, feeType == FeeType.FLAT_FEE, flatFeeAccount == "OPERATING", flatFeeAmount != null && flatFeeAmount <= 1000, flatFeeDisclosureSigned != true)
    private void ca005(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CA_005, CA_005_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The flat fee of " + amount(m.flatFeeAmount()) + " for this open matter is recorded as deposited "
                        + "to the operating account. In California a flat fee of $1,000 or less may be kept outside trust "
                        + "if the client was told in writing of the right to have it held in trust until earned and of the "
                        + "right to a refund of any unearned part; the client need not sign. The record does not show that "
                        + "written disclosure. Check the file.")
                .episode(EpisodeKey.flag("FLAT_FEE_DISCLOSURE_MISSING", "operating"))
                .build());
    }

    // CA-004 when: $m : MatterFacts(jurisdiction == "US-CA", status == MatterStatus.CLOSED, daysSinceClosed != null && daysSinceClosed > 45, undisputedBalance() != null && undisputedBalance().signum() > 0)
    private void ca004(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, CA_004, CA_004_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("This California matter was closed on " + day(m.closedOn()) + " (" + m.daysSinceClosed()
                        + " days ago) and trust still holds " + amount(m.undisputedBalance()) + " that is not recorded as "
                        + "disputed" + (m.disputed() ? ", besides " + amount(m.disputedAmount()) + " that is in dispute and "
                        + "must stay in trust until the dispute is resolved" : "") + ". California presumes a breach of the "
                        + "duty to distribute promptly when undisputed funds are not paid out within 45 days of becoming "
                        + "undisputed, unless the client or other person agreed in writing that they may be held longer. "
                        + "The record cannot show when the funds became undisputed or whether such an agreement exists. "
                        + "Check both; if neither explains the delay, pay the money to the person entitled to it now.")
                .episode(EpisodeKey.flagSince("UNDISPUTED_FUNDS_NOT_DISTRIBUTED", "closed", m.closedOn()))
                .build());
    }

    // CA-090 when: $m : MatterFacts(jurisdiction == "US-CA", open, feeType == FeeType.FLAT_FEE, flatFeeAccount == "OPERATING", flatFeeAmount == null, flatFeeDisclosureSigned != true)
    private void ca090(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.task(m, CA_090, CA_090_META)
                .to(Role.BILLING_MANAGER)
                .reason("The flat fee for this open California matter is recorded as deposited to the operating account "
                        + "without a disclosure signed by the client, but the fee's amount is not recorded. Over $1,000, "
                        + "California requires the client's signed agreement to keep it outside trust; at $1,000 or less "
                        + "a written disclosure is enough. Please record the amount of the flat fee.")
                .episode(EpisodeKey.dataQuality("flat-fee-amount-unknown"))
                .build());
    }

    // FL-002 when: $m : MatterFacts(jurisdiction == "US-FL", open, feeType == FeeType.FLAT_FEE, flatFeeAccount == "OPERATING", nonrefundableFeeTerm != null && nonrefundableFeeTerm == false)
    private void fl002(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, FL_002, FL_002_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The flat fee for this open matter is recorded as deposited to the operating account, and the fee "
                        + "agreement is recorded as not making it nonrefundable. In Florida a fee paid in advance that is "
                        + "not a nonrefundable flat fee or retainer must be held in trust until it is earned. Check the fee "
                        + "agreement; if the fee is refundable, move the unearned part to trust.")
                .episode(EpisodeKey.flag("ADVANCE_FEE_NOT_IN_TRUST", "operating"))
                .build());
    }

    // FL-003 when: $m : MatterFacts(jurisdiction == "US-FL", nonrefundableFeeTerm != null && nonrefundableFeeTerm == true)
    private void fl003(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, FL_003, FL_003_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The fee agreement for this matter describes the fee as nonrefundable. In Florida a nonrefundable "
                        + "fee must be confirmed in writing, and it remains subject to the rule against clearly excessive "
                        + "fees. The record does not show whether that writing exists. Check the signed fee agreement.")
                .episode(EpisodeKey.standing("NONREFUNDABLE_FEE_TERM"))
                .build());
    }

    // FL-090 when: $m : MatterFacts(jurisdiction == "US-FL", open, feeType == FeeType.FLAT_FEE, flatFeeAccount == "OPERATING", nonrefundableFeeTerm == null)
    private void fl090(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.task(m, FL_090, FL_090_META)
                .to(Role.BILLING_MANAGER)
                .reason("The flat fee for this open matter is recorded as deposited to the operating account, but the "
                        + "record does not say whether the fee agreement makes the fee nonrefundable, so whether Florida "
                        + "requires it to be in trust cannot be checked. Please record the agreement's refund terms.")
                .episode(EpisodeKey.dataQuality("fee-terms-unknown"))
                .build());
    }

    // IL-003 when: $m : MatterFacts(jurisdiction == "US-IL", nonrefundableFeeTerm != null && nonrefundableFeeTerm == true)
    private void il003(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, IL_003, IL_003_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The fee agreement for this matter calls the fee nonrefundable. Illinois prohibits nonrefundable "
                        + "fees and nonrefundable retainers, and any term that unreasonably restricts the client's right to "
                        + "a refund of unearned fees. Check the agreement with the responsible attorney and correct the term "
                        + "with the client.")
                .episode(EpisodeKey.standing("NONREFUNDABLE_FEE_TERM"))
                .build());
    }

    // NY-002 when: $m : MatterFacts(jurisdiction == "US-NY", nonrefundableFeeTerm != null && nonrefundableFeeTerm == true)
    private void ny002(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, NY_002, NY_002_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The fee agreement for this matter calls the fee nonrefundable. New York prohibits nonrefundable "
                        + "retainer fees; a reasonable minimum fee is allowed only if the agreement defines it in plain "
                        + "language and explains when it is incurred and how it is calculated, and unearned fees must be "
                        + "refunded if the client ends the representation. Check the agreement's wording with the "
                        + "responsible attorney.")
                .episode(EpisodeKey.standing("NONREFUNDABLE_FEE_TERM"))
                .build());
    }

    // TX-002 when: $m : MatterFacts(jurisdiction == "US-TX", open, feeType == FeeType.FLAT_FEE, flatFeeAccount == "OPERATING")
    private void tx002(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, TX_002, TX_002_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The flat fee for this open matter is recorded as deposited to the operating account. In Texas a "
                        + "fee paid in advance for services is held in trust until it is earned, whatever it is called; "
                        + "only a reasonable retainer paid solely to secure the lawyer's availability is the lawyer's on "
                        + "receipt. The record cannot show which this is. Check the fee agreement; if the fee pays for "
                        + "services, move the unearned part to trust.")
                .episode(EpisodeKey.flag("ADVANCE_FEE_NOT_IN_TRUST", "operating"))
                .build());
    }

    // TX-003 when: $m : MatterFacts(jurisdiction == "US-TX", nonrefundableFeeTerm != null && nonrefundableFeeTerm == true)
    private void tx003(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, TX_003, TX_003_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The fee agreement for this matter calls the fee nonrefundable. In Texas a fee is nonrefundable "
                        + "only if it is, in its entirety, a reasonable payment to secure the lawyer's availability and to "
                        + "compensate for other work the lawyer must turn away; a fee called nonrefundable that pays for "
                        + "services must be held in trust until earned, and any unearned part refunded. Check the agreement.")
                .episode(EpisodeKey.standing("NONREFUNDABLE_FEE_TERM"))
                .build());
    }

    // WA-002 when: $m : MatterFacts(jurisdiction == "US-WA", balance > 0, daysSinceAccounting != null && daysSinceAccounting > 365)
    private void wa002(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, WA_002, WA_002_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("Trust holds " + amount(m.balance()) + " for this matter and the last written accounting to the "
                        + "client was on " + day(m.lastAccountingOn()) + " (" + m.daysSinceAccounting() + " days ago). "
                        + "Washington requires a written accounting at least once a year to a client whose funds the "
                        + "lawyer holds. Check whether an accounting was sent and not recorded; if not, send one.")
                .episode(EpisodeKey.flagSince("ANNUAL_ACCOUNTING_DUE", "last-accounting", m.lastAccountingOn()))
                .build());
    }

    // WA-003 when: $m : MatterFacts(jurisdiction == "US-WA", open, feeType == FeeType.FLAT_FEE, flatFeeAccount == "OPERATING", flatFeeDisclosureSigned != true)
    private void wa003(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, WA_003, WA_003_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("The flat fee for this open matter is recorded as deposited to the operating account, and "
                        + (m.flatFeeDisclosureSigned() == null ? "no flat-fee agreement signed by the client is on record"
                                                                : "the flat-fee agreement is recorded as not signed by the client")
                        + ". In Washington a flat fee is the lawyer's on receipt only if agreed in advance in a writing "
                        + "signed by the client that states the services, the amount and payment terms, that the fee will "
                        + "not be held in trust, that the client may still end the representation, and that the client may "
                        + "be entitled to a partial refund. Check the file; if there is no such agreement, move the unearned "
                        + "part to trust.")
                .episode(EpisodeKey.flag("FLAT_FEE_AGREEMENT_UNSIGNED", "operating"))
                .build());
    }

    // WA-004 when: $m : MatterFacts(jurisdiction == "US-WA", status == MatterStatus.CLOSED, balance.signum() == 0, daysSinceClosed != null && daysSinceClosed > 30, daysSinceAccounting == null || daysSinceAccounting > daysSinceClosed)
    private void wa004(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.flag(m, WA_004, WA_004_META)
                .to(Role.ATTORNEY).cc(Role.BILLING_MANAGER)
                .reason("This Washington matter was closed on " + day(m.closedOn()) + " with nothing left in trust, and "
                        + "no written accounting to the client is recorded on or after that date (last recorded: "
                        + (m.lastAccountingOn() == null ? "none" : day(m.lastAccountingOn())) + "). Washington requires a "
                        + "written accounting promptly after funds are distributed. Trustwatch does not hold the date the "
                        + "money was paid out, so an accounting sent then may already satisfy this. Check the file and "
                        + "record the date of the final accounting, or send one.")
                .episode(EpisodeKey.flagSince("ACCOUNTING_AFTER_DISTRIBUTION_NOT_RECORDED", "closed", m.closedOn()))
                .build());
    }

    // WA-090 when: $m : MatterFacts(jurisdiction == "US-WA", balance > 0, daysSinceAccounting == null)
    private void wa090(MatterFacts m, List<ActionProposal> out) {
        add(out, ActionProposal.task(m, WA_090, WA_090_META)
                .to(Role.BILLING_MANAGER)
                .reason("Trust holds " + amount(m.balance()) + " for this matter and no written accounting to the client "
                        + "is on record, so Trustwatch cannot tell whether the annual accounting is due. Please record the "
                        + "date of the last written accounting.")
                .episode(EpisodeKey.dataQuality("accounting-unknown"))
                .build());
    }

}
