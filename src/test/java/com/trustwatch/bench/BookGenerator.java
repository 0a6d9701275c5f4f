package com.trustwatch.bench;

import com.trustwatch.matter.FeeType;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterStatus;
import com.trustwatch.matter.RetainerType;
import com.trustwatch.matter.Tier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A synthetic but realistic book of matters for benchmarks and agreement tests. Deterministic: the
 * same seed and index always give the same matter, and each matter is made on its own (its random
 * source is seeded from the book seed and its index), so a book of any size can be streamed without
 * holding it and cut into chunks anywhere.
 *
 * <p>Balances are placed around each matter's replenishment threshold (computed here with the default
 * policy's arithmetic) so that every severity band, the exact band edges, depleted and negative
 * balances all occur; money is built from whole cents, never from {@code double}.
 */
public final class BookGenerator {

    /** The evaluation date the book is drawn for (the rules tests' date). */
    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);

    /** Roster CSV columns (DESIGN.md, "Roster CSV columns"). */
    public static final List<String> ROSTER_COLUMNS = List.of(
            "matter_number", "matter_name", "client_id", "client_name", "client_tier",
            "billing_contact_name", "billing_contact_email", "billing_contact_phone", "sms_consent",
            "attorney_name", "attorney_email", "jurisdiction", "practice_area", "fee_type", "retainer_type",
            "status", "closed_on", "trust_balance", "original_retainer", "floor", "refill_target",
            "monthly_billing", "last_replenished_on", "last_reconciled_on", "payment_plan");

    /** Clients own runs of matters inside blocks of this many consecutive matter indexes. */
    private static final int CLIENT_BLOCK = 8;
    private static final BigDecimal THIRTY = new BigDecimal("30");

    private static final String[] JURISDICTIONS = {
            "ABA", "US-CA", "US-NY", "US-TX", "US-FL", "US-IL", "US-WA", "US-MA", "US-NJ",
            "US-OH", "US-PA", "US-GA", "US-CO", "US-AZ"};
    private static final int[] JURISDICTION_WEIGHTS = {12, 15, 14, 10, 9, 8, 6, 6, 6, 5, 3, 2, 2, 2};

    private static final String[] PRACTICE_AREAS = {
            "Litigation", "Family", "Corporate", "Real Estate", "Estate Planning", "Employment",
            "Immigration", "Criminal Defense", "Bankruptcy", "Intellectual Property"};
    private static final int[] PRACTICE_WEIGHTS = {22, 15, 12, 10, 10, 8, 6, 7, 5, 5};

    private static final String[] FIRST = {
            "Avery", "Blake", "Casey", "Dana", "Elliot", "Frances", "Gale", "Harper", "Indra", "Jordan",
            "Kai", "Logan", "Morgan", "Noor", "Oakley", "Parker", "Quinn", "Reese", "Sasha", "Taylor"};
    private static final String[] LAST = {
            "Henderson", "Okafor", "Nguyen", "Garcia", "Schmidt", "Rossi", "Kowalski", "Haddad", "Silva",
            "Park", "Murphy", "Cohen", "Iyer", "Dubois", "Larsen", "Novak", "Tanaka", "Walsh", "Abara", "Lind"};
    private static final String[] COMPANY = {
            "Holdings", "Partners", "Logistics", "Builders", "Foods", "Medical", "Capital", "Studios"};

    /** The book's matters in index order, each made on demand. */
    public Stream<Matter> matters(long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more: " + count);
        }
        return IntStream.range(0, count).mapToObj(i -> matter(seed, i));
    }

    /** Writes the book as a roster import file: a header row and one row per matter, streamed. */
    public void writeRosterCsv(long seed, int count, Writer out) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader(ROSTER_COLUMNS.toArray(String[]::new))
                .setRecordSeparator("\n")
                .get();
        CSVPrinter csv = new CSVPrinter(out, format);
        try {
            matters(seed, count).forEach(m -> {
                try {
                    csv.printRecord(rosterRow(m));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
    }

    /** The roster cells of one matter, in {@link #ROSTER_COLUMNS} order; unknown values are empty. */
    static List<String> rosterRow(Matter m) {
        return List.of(
                m.matterNumber(), m.matterName(), m.clientId(), m.clientName(), cell(m.clientTier()),
                cell(m.billingContactName()), cell(m.billingContactEmail()), cell(m.billingContactPhone()),
                cell(m.smsConsent()), cell(m.attorneyName()), cell(m.attorneyEmail()), m.jurisdiction(),
                cell(m.practiceArea()), m.feeType().name(), m.retainerType().name(), m.status().name(),
                cell(m.closedOn()), money(m.trustBalance()), money(m.originalRetainer()), money(m.floor()),
                money(m.refillTarget()), money(m.monthlyBilling()), cell(m.lastReplenishedOn()),
                cell(m.lastReconciledOn()), cell(m.paymentPlan()));
    }

    private static String cell(Object v) {
        return v == null ? "" : v.toString();
    }

    private static String money(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }

    /** Matter {@code index} of the book {@code seed}. */
    public Matter matter(long seed, int index) {
        SplittableRandom rnd = new SplittableRandom(mix(seed, index));
        Client client = client(seed, index);

        Matter.Builder b = Matter.builder();
        int openedYear = 2019 + rnd.nextInt(8);
        String number = String.format(Locale.ROOT, "M-%d-%04d", openedYear, index + 1);
        String area = rnd.nextInt(100) == 0 ? null : pick(rnd, PRACTICE_AREAS, PRACTICE_WEIGHTS);
        b.matterNumber(number)
                .matterName(client.name + " — " + (area == null ? "General" : area) + " " + (index + 1))
                .clientId(client.id)
                .clientName(client.name)
                .clientTier(client.explicitTier)
                .jurisdiction(pick(rnd, JURISDICTIONS, JURISDICTION_WEIGHTS))
                .practiceArea(area);

        // contacts: the billing contact is distinct from the matter contact and belongs to the client
        String contact = FIRST[client.contactFirst] + " " + LAST[client.contactLast];
        b.billingContactName(contact)
                .billingContactEmail(rnd.nextInt(50) == 0 ? null
                        : contact.toLowerCase(Locale.ROOT).replace(' ', '.') + "@" + client.domain);
        int phone = rnd.nextInt(10);
        if (phone < 6) {
            b.billingContactPhone(String.format(Locale.ROOT, "+1-555-%03d-%04d", rnd.nextInt(1000), rnd.nextInt(10000)));
            b.smsConsent(phone < 3 ? Boolean.TRUE : phone < 5 ? Boolean.FALSE : null);
        } else {
            b.smsConsent(phone == 9 ? Boolean.TRUE : null); // consent on file with no phone: a data problem
        }
        int attorney = rnd.nextInt(400);
        b.attorneyName(FIRST[attorney % FIRST.length] + " " + LAST[(attorney / FIRST.length) % LAST.length])
                .attorneyEmail("attorney" + attorney + "@firm.example")
                .billingManagerEmail("billing@firm.example")
                .managingPartnerEmail("mp@firm.example")
                .practiceGroupLeaderEmail(rnd.nextInt(4) == 0 ? null : "pgl-" + attorney % 12 + "@firm.example");

        FeeType fee = pickFee(rnd);
        RetainerType retainer = rnd.nextInt(100) < 80 ? RetainerType.EVERGREEN : RetainerType.ONE_TIME;
        b.feeType(fee).retainerType(retainer);
        int plan = rnd.nextInt(100);
        b.paymentPlan(plan < 4 ? Boolean.TRUE : plan < 84 ? Boolean.FALSE : null);

        // billing: most matters have 90 days of history, across all three tier bands
        BigDecimal monthly = monthlyBilling(rnd, fee);
        b.monthlyBilling(monthly);

        // retainers are round figures, sized to roughly two months of work
        long retainerCents = retainerCents(rnd, monthly);
        BigDecimal original = rnd.nextInt(100) < 5 ? null : cents(retainerCents);
        b.originalRetainer(original);
        BigDecimal floor = null;
        int floorKind = rnd.nextInt(100);
        if (floorKind < 45) {
            floor = cents(roundTo(retainerCents / 2, 50_000));
        } else if (floorKind < 60) {
            floor = cents(roundTo(rnd.nextLong(100_000, 2_500_000), 25_000));
        } else if (floorKind < 70 && monthly != null) {
            // a floor below ten days of burn: the fee agreement needs updating (seed 002)
            floor = cents(Math.max(10_000, roundTo(cents(monthly) / 30 * (1 + rnd.nextInt(8)), 10_000)));
        }
        b.floor(floor);
        if (rnd.nextInt(100) < 10) {
            long base = original == null ? retainerCents : cents(original);
            b.refillTarget(cents(roundTo(base + base * rnd.nextInt(60) / 100, 50_000)));
        }

        // the balance sits around the threshold the default policy would compute
        Tier tier = client.explicitTier != null ? client.explicitTier : monthly == null ? null : tierOf(monthly);
        BigDecimal anchor = threshold(floor, monthly, tier, "Litigation".equals(area), original);
        long balanceCents = balanceCents(rnd, anchor);

        MatterStatus status = MatterStatus.OPEN;
        if (rnd.nextInt(100) < 5) {
            status = MatterStatus.CLOSED;
            b.closedOn(AS_OF.minusDays(1 + rnd.nextInt(400)));
            // most closed matters were refunded; some still hold client money
            balanceCents = rnd.nextInt(100) < 60 ? 0 : rnd.nextLong(1_000, 500_000);
        }
        b.status(status).trustBalance(cents(balanceCents));

        if (rnd.nextInt(100) < 70) {
            b.lastReplenishedOn(AS_OF.minusDays(rnd.nextInt(365)));
        }
        int rec = rnd.nextInt(100);
        b.lastReconciledOn(rec < 3 ? null : AS_OF.minusDays(rec < 80 ? rnd.nextInt(45) : rnd.nextInt(45, 400)));
        if (rnd.nextInt(100) < 2) {
            b.disputed(true).disputedAmount(cents(rnd.nextLong(10_000, 500_000)));
        } else {
            b.disputed(false);
        }
        if (fee == FeeType.FLAT_FEE) {
            b.flatFeeAccount(rnd.nextBoolean() ? "TRUST" : "OPERATING")
                    .flatFeeDisclosureSigned(rnd.nextInt(10) == 0 ? null : rnd.nextInt(10) > 1);
        }
        if (rnd.nextInt(100) < 60) {
            LocalDate deposit = AS_OF.minusDays(rnd.nextInt(120));
            b.lastDepositOn(deposit).receiptNotifiedOn(rnd.nextInt(10) == 0 ? null : deposit.plusDays(rnd.nextInt(3)));
        }
        return b.build();
    }

    // ---- clients: several matters each, tier set on some -----------------------------------------

    private record Client(String id, String name, Tier explicitTier, String domain, int contactFirst, int contactLast) {
    }

    /**
     * The client of matter {@code index}: each block of {@value #CLIENT_BLOCK} consecutive matters is
     * split into runs of 1 to 4, one client per run, so clients hold several matters.
     */
    private static Client client(long seed, int index) {
        int block = index / CLIENT_BLOCK;
        SplittableRandom split = new SplittableRandom(mix(seed ^ 0x5DEECE66DL, block));
        int start = 0;
        int offset = index % CLIENT_BLOCK;
        while (true) {
            int run = 1 + split.nextInt(4);
            if (offset < start + run) {
                break;
            }
            start += run;
        }
        int first = block * CLIENT_BLOCK + start;
        SplittableRandom rnd = new SplittableRandom(mix(seed ^ 0xC11E47L, first));
        String name;
        if (rnd.nextInt(3) == 0) {
            name = LAST[rnd.nextInt(LAST.length)] + " " + COMPANY[rnd.nextInt(COMPANY.length)] + " " + (first + 1);
        } else {
            name = FIRST[rnd.nextInt(FIRST.length)] + " " + LAST[rnd.nextInt(LAST.length)] + " (" + (first + 1) + ")";
        }
        int t = rnd.nextInt(100);
        Tier tier = t < 4 ? Tier.TIER_1 : t < 8 ? Tier.TIER_2 : t < 12 ? Tier.TIER_3 : null;
        return new Client(String.format(Locale.ROOT, "C-%06d", first + 1), name, tier,
                "client" + (first + 1) + ".example", rnd.nextInt(FIRST.length), rnd.nextInt(LAST.length));
    }

    // ---- money ----------------------------------------------------------------------------------

    private static FeeType pickFee(SplittableRandom rnd) {
        int f = rnd.nextInt(100);
        return f < 78 ? FeeType.HOURLY : f < 86 ? FeeType.HYBRID : f < 95 ? FeeType.FLAT_FEE : FeeType.CONTINGENCY;
    }

    /** Null for 8% (no billing history), zero for 1% (history, no work), else in one of the tier bands. */
    private static BigDecimal monthlyBilling(SplittableRandom rnd, FeeType fee) {
        int k = rnd.nextInt(1000);
        if (k < 80 || (fee == FeeType.CONTINGENCY && k < 600)) {
            return null;
        }
        if (k < 90) {
            return cents(0);
        }
        if (k < 95) {
            return cents(k % 2 == 0 ? 300_000 : 800_000); // exactly on a tier boundary
        }
        if (k < 500) {
            return cents(rnd.nextLong(20_000, 300_000));          // tier 3: under 3,000
        }
        if (k < 800) {
            return cents(rnd.nextLong(300_000, 800_000));         // tier 2: 3,000 to 8,000
        }
        return cents(rnd.nextLong(800_000, 4_000_000));           // tier 1: 8,000 and up
    }

    private static long retainerCents(SplittableRandom rnd, BigDecimal monthly) {
        long base = monthly == null || monthly.signum() == 0
                ? rnd.nextLong(100_000, 5_000_000)
                : cents(monthly) * (1 + rnd.nextInt(3));
        return Math.max(100_000, roundTo(base, 50_000));
    }

    private static long balanceCents(SplittableRandom rnd, BigDecimal anchor) {
        int k = rnd.nextInt(1000);
        if (k < 30) {
            return -rnd.nextLong(1, 300_000);                     // overdrawn
        }
        if (k < 50) {
            return 0;
        }
        if (k < 70) {
            return rnd.nextLong(1, 50_000);                       // under the 500 emergency level
        }
        if (anchor == null || anchor.signum() <= 0) {
            return rnd.nextLong(0, 2_000_000);
        }
        long t = cents(anchor);
        if (k < 110) {
            // exactly on, or a few cents either side of, a band edge (110%, 100%, 90%, 50%)
            int[] edges = {110, 100, 90, 50};
            long edge = t * edges[rnd.nextInt(edges.length)] / 100;
            long[] nudges = {0, -1, 1, -2, -25, -50, 3};
            return edge + nudges[rnd.nextInt(nudges.length)];
        }
        int permille;
        if (k < 450) {
            permille = rnd.nextInt(1100, 3000);                   // healthy
        } else if (k < 570) {
            permille = rnd.nextInt(1000, 1100);                   // watch, above the threshold
        } else if (k < 690) {
            permille = rnd.nextInt(900, 1000);                    // watch, below
        } else if (k < 850) {
            permille = rnd.nextInt(500, 900);                     // warning
        } else {
            permille = rnd.nextInt(10, 500);                      // breach
        }
        return t * permille / 1000 + rnd.nextInt(100);
    }

    /** The default policy's threshold, to centre balances on; null when nothing gives one. */
    private static BigDecimal threshold(BigDecimal floor, BigDecimal monthly, Tier tier, boolean litigation,
                                        BigDecimal original) {
        BigDecimal best = floor;
        boolean billing = monthly != null && monthly.signum() > 0;
        if (billing && tier != null) {
            int days = switch (tier) {
                case TIER_1 -> 30;
                case TIER_2 -> 25;
                case TIER_3 -> 20;
            };
            BigDecimal runway = monthly.divide(THIRTY, 4, RoundingMode.HALF_UP).multiply(BigDecimal.valueOf(days))
                    .setScale(2, RoundingMode.HALF_UP);
            best = best == null || runway.compareTo(best) > 0 ? runway : best;
        }
        if (litigation) {
            BigDecimal min = new BigDecimal("2500.00");
            best = best == null || min.compareTo(best) > 0 ? min : best;
        }
        if (floor == null && !billing && original != null) {
            BigDecimal share = original.multiply(new BigDecimal("0.25")).setScale(2, RoundingMode.HALF_UP);
            best = best == null || share.compareTo(best) > 0 ? share : best;
        }
        return best;
    }

    private static Tier tierOf(BigDecimal monthly) {
        if (monthly.compareTo(new BigDecimal("8000")) >= 0) {
            return Tier.TIER_1;
        }
        return monthly.compareTo(new BigDecimal("3000")) >= 0 ? Tier.TIER_2 : Tier.TIER_3;
    }

    private static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static long cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    private static long roundTo(long cents, long step) {
        return Math.max(step, (cents + step / 2) / step * step);
    }

    private static <T> T pick(SplittableRandom rnd, T[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = rnd.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** A well-spread seed for item {@code index} of the book {@code seed} (SplitMix64 finaliser). */
    private static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Writes {@code target/bench/roster-<n>.csv} for each size given as arguments or in
     * {@code -Dbench.sizes} (default 1000), from seed
     * {@code -Dbench.seed} (default 20261120).
     */
    public static void main(String[] args) throws IOException {
        long seed = Long.getLong("bench.seed", RulesPhaseBenchmark.DEFAULT_SEED);
        List<String> sizes = args.length == 0 ? List.of(System.getProperty("bench.sizes", "1000")) : List.of(args);
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        BookGenerator generator = new BookGenerator();
        for (String size : sizes) {
            for (String one : size.split(",")) {
                int n = Integer.parseInt(one.trim().replace("_", ""));
                Path file = dir.resolve("roster-" + n + ".csv");
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    generator.writeRosterCsv(seed, n, out);
                }
                System.out.println("wrote " + file + " (" + n + " matters, seed " + seed + ")");
            }
        }
    }
}
