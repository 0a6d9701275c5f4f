package com.trustwatch.bench;

import com.trustwatch.matter.FeeType;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterStatus;
import com.trustwatch.matter.RetainerType;
import com.trustwatch.matter.Tier;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A minimal deterministic book for the end-to-end benchmark and the partitioning test: matter
 * {@code i} of seed {@code s} is always the same. Stand-in until the shared {@code BookGenerator}
 * (same shape: {@code Stream<Matter> matters(seed, count)}) is merged; then both should use that one.
 * Shaped like a tidy firm's book with its usual loose ends: about a fifth of the matters below their
 * replenishment threshold, a few closed with money left, some without a floor or billing history,
 * reconciliation a few days late here and there; the shipped rules plan about one action per matter.
 */
public final class SyntheticBook {

    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);
    private static final String[] JURISDICTIONS = {"ABA", "ABA", "US-CA", "US-NY", "US-TX", "US-FL", "US-IL",
            "US-MA", "US-NJ", "US-WA", "US-OH", "US-GA"};
    private static final String[] AREAS = {"Family", "Estates", "Employment", "Commercial litigation", "Litigation",
            "Real estate", "Corporate", "Immigration"};

    public Stream<Matter> matters(long seed, int count) {
        return IntStream.range(0, count).mapToObj(i -> matter(seed, i));
    }

    public Matter matter(long seed, int i) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        int client = i / 3;
        int attorney = r.nextInt(60);
        double u = r.nextDouble();
        FeeType fee = u < 0.72 ? FeeType.HOURLY : u < 0.82 ? FeeType.HYBRID : u < 0.92 ? FeeType.FLAT_FEE
                : FeeType.CONTINGENCY;
        boolean closed = r.nextDouble() < 0.08;
        BigDecimal retainer = money(2_000 + r.nextInt(18_000));
        BigDecimal monthly = r.nextDouble() < 0.1 ? null : money(500 + r.nextInt(14_500));
        BigDecimal floor = r.nextDouble() < 0.1 ? null : money(1_000 + r.nextInt(6_000));
        // most balances sit comfortably above the retainer's floor; one in five dips below it, a few below zero
        int percent = r.nextDouble() < 0.8 ? r.nextInt(70, 200) : r.nextInt(-5, 70);
        BigDecimal balance = retainer.multiply(BigDecimal.valueOf(percent)).movePointLeft(2)
                .setScale(2, java.math.RoundingMode.HALF_UP);
        boolean phone = r.nextBoolean();
        return Matter.builder()
                .matterNumber(String.format("M-%07d", i))
                .matterName("Synthetic matter " + i)
                .clientId("C-" + client)
                .clientName("Client " + client)
                .clientTier(r.nextDouble() < 0.1 ? Tier.values()[r.nextInt(3)] : null)
                .billingContactName("Billing " + client)
                .billingContactEmail("billing" + client + "@client.example")
                .billingContactPhone(phone ? "+1-555-0" + (100 + r.nextInt(900)) : null)
                .smsConsent(!phone || r.nextDouble() < 0.05 ? null : r.nextDouble() < 0.7)
                .attorneyName("Attorney " + attorney)
                .attorneyEmail("attorney" + attorney + "@firm.example")
                .jurisdiction(JURISDICTIONS[r.nextInt(JURISDICTIONS.length)])
                .practiceArea(AREAS[r.nextInt(AREAS.length)])
                .feeType(fee)
                .retainerType(r.nextDouble() < 0.85 ? RetainerType.EVERGREEN : RetainerType.ONE_TIME)
                .status(closed ? MatterStatus.CLOSED : MatterStatus.OPEN)
                .closedOn(closed ? AS_OF.minusDays(1 + r.nextInt(120)) : null)
                .trustBalance(balance)
                .originalRetainer(retainer)
                .floor(floor)
                .monthlyBilling(monthly)
                .lastReplenishedOn(AS_OF.minusDays(5 + r.nextInt(80)))
                .lastReconciledOn(r.nextDouble() < 0.01 ? null : AS_OF.minusDays(r.nextDouble() < 0.95
                        ? r.nextInt(28) : 30 + r.nextInt(60)))
                .paymentPlan(r.nextDouble() < 0.03)
                .disputed(r.nextDouble() < 0.02)
                .flatFeeAccount(fee == FeeType.FLAT_FEE && r.nextDouble() < 0.95 ? (r.nextDouble() < 0.9 ? "TRUST" : "OPERATING") : null)
                .lastAccountingOn(r.nextDouble() < 0.97 ? AS_OF.minusDays(r.nextInt(300)) : null)
                .lastDepositOn(AS_OF.minusDays(5 + r.nextInt(80)))
                .receiptNotifiedOn(AS_OF.minusDays(5 + r.nextInt(80)))
                .build();
    }

    /** Inserts the book with batched INSERTs (rewritten to multi-row statements by the driver). */
    public void insert(Connection c, long seed, int count) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO matter (matter_number, matter_name, client_id,"
                + " client_name, client_tier, billing_contact_name, billing_contact_email, billing_contact_phone,"
                + " sms_consent, attorney_name, attorney_email, jurisdiction, practice_area, fee_type, retainer_type,"
                + " status, closed_on, trust_balance, original_retainer, fee_floor, refill_target, monthly_billing,"
                + " last_replenished_on, last_reconciled_on, payment_plan, disputed, flat_fee_account,"
                + " last_accounting_on, last_deposit_on, receipt_notified_on)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Iterator<Matter> it = matters(seed, count).iterator(); it.hasNext(); ) {
                Matter m = it.next();
                int i = 1;
                ps.setString(i++, m.matterNumber());
                ps.setString(i++, m.matterName());
                ps.setString(i++, m.clientId());
                ps.setString(i++, m.clientName());
                // enums are stored by name (Matter maps them with @Enumerated(STRING))
                ps.setString(i++, m.clientTier() == null ? null : m.clientTier().name());
                ps.setString(i++, m.billingContactName());
                ps.setString(i++, m.billingContactEmail());
                ps.setString(i++, m.billingContactPhone());
                bool(ps, i++, m.smsConsent());
                ps.setString(i++, m.attorneyName());
                ps.setString(i++, m.attorneyEmail());
                ps.setString(i++, m.jurisdiction());
                ps.setString(i++, m.practiceArea());
                ps.setString(i++, m.feeType().name());
                ps.setString(i++, m.retainerType().name());
                ps.setString(i++, m.status().name());
                date(ps, i++, m.closedOn());
                ps.setBigDecimal(i++, m.trustBalance());
                ps.setBigDecimal(i++, m.originalRetainer());
                ps.setBigDecimal(i++, m.floor());
                ps.setBigDecimal(i++, m.refillTarget());
                ps.setBigDecimal(i++, m.monthlyBilling());
                date(ps, i++, m.lastReplenishedOn());
                date(ps, i++, m.lastReconciledOn());
                bool(ps, i++, m.paymentPlan());
                bool(ps, i++, m.disputed());
                ps.setString(i++, m.flatFeeAccount());
                date(ps, i++, m.lastAccountingOn());
                date(ps, i++, m.lastDepositOn());
                date(ps, i, m.receiptNotifiedOn());
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
                if (n % 20000 == 0) {
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void bool(PreparedStatement ps, int i, Boolean v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BOOLEAN);
        } else {
            ps.setBoolean(i, v);
        }
    }

    private static void date(PreparedStatement ps, int i, LocalDate v) throws SQLException {
        ps.setDate(i, v == null ? null : Date.valueOf(v));
    }

    private static BigDecimal money(int dollars) {
        return BigDecimal.valueOf(dollars).setScale(2);
    }
}
