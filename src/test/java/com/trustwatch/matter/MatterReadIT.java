package com.trustwatch.matter;

import com.trustwatch.bench.SyntheticBook;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.data.model.Pageable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluation reads the book through the repository's own row reader ({@link MatterRepository#read});
 * every other read of a matter goes through the generic mapping. Both must give the same matters.
 */
@MicronautTest(transactional = false)
class MatterReadIT extends IntegrationTest {

    @Inject
    MatterRepository matters;

    @Test
    @DisplayName("the book's keyset pages and leased ranges read every column of every matter as the repository's mapping does")
    void keysetReadsMatchTheMapping() {
        List<Matter> book = new ArrayList<>();
        book.add(everyField());
        book.add(nothingOptional());
        new SyntheticBook().matters(7, 300).forEach(book::add);
        matters.saveAll(book);
        List<Matter> mapped = new ArrayList<>(matters.findByIdIn(matters.findAll().stream().map(Matter::id).toList()));
        mapped.sort(Comparator.comparing(Matter::id));
        assertThat(mapped).hasSize(302);

        List<Matter> paged = new ArrayList<>();
        long after = 0;
        for (List<Matter> page = matters.findByIdGreaterThanOrderById(after, Pageable.from(0, 64)); !page.isEmpty();
             page = matters.findByIdGreaterThanOrderById(after, Pageable.from(0, 64))) {
            paged.addAll(page);
            after = page.get(page.size() - 1).id();
        }
        assertThat(paged).containsExactlyElementsOf(mapped);

        List<Matter> ranged = new ArrayList<>();
        for (long[] range : matters.idRanges(100)) {
            ranged.addAll(matters.findByIdGreaterThanAndIdLessThanEqualsOrderById(range[0], range[1]));
        }
        assertThat(ranged).containsExactlyElementsOf(mapped);
        assertThat(paged.get(0)).usingRecursiveComparison().ignoringFields("id").isEqualTo(everyField());
        assertThat(paged.get(1)).usingRecursiveComparison().ignoringFields("id").isEqualTo(nothingOptional());
    }

    @Test
    @DisplayName("the row reader names one column for each of a matter's fields")
    void oneColumnPerField() {
        assertThat(MatterRepository.COLUMNS.split(",")).hasSize(Matter.class.getRecordComponents().length);
    }

    private static Matter everyField() {
        LocalDate day = LocalDate.of(2026, 3, 9);
        return Matter.builder().matterNumber("M-READ-1").matterName("Every field").clientId("C-R1")
                .clientName("Client R1").clientTier(Tier.values()[Tier.values().length - 1])
                .billingContactName("Billing R1").billingContactEmail("billing@r1.example")
                .billingContactPhone("+1-555-0199").smsConsent(true).attorneyName("Attorney R")
                .attorneyEmail("attorney@firm.example").billingManagerEmail("bm@firm.example")
                .bookkeeperEmail("books@firm.example").practiceGroupLeaderEmail("pgl@firm.example")
                .managingPartnerEmail("mp@firm.example").jurisdiction("US-NY").practiceArea("Estates")
                .feeType(FeeType.FLAT_FEE).retainerType(RetainerType.ONE_TIME).status(MatterStatus.CLOSED)
                .closedOn(day).trustBalance(new BigDecimal("1234.56")).originalRetainer(new BigDecimal("5000.00"))
                .floor(new BigDecimal("1000.00")).refillTarget(new BigDecimal("4000.00"))
                .monthlyBilling(new BigDecimal("2500.10")).lastReplenishedOn(day.minusDays(1))
                .lastReconciledOn(day.minusDays(2)).paymentPlan(false).disputed(true)
                .disputedAmount(new BigDecimal("99.99")).flatFeeAccount("TRUST").flatFeeDisclosureSigned(false)
                .flatFeeAmount(new BigDecimal("7500.00")).nonrefundableFeeTerm(true).lastDepositOn(day.minusDays(3))
                .receiptNotifiedOn(day.minusDays(4)).lastAccountingOn(day.minusDays(5)).build();
    }

    private static Matter nothingOptional() {
        return Matter.builder().matterNumber("M-READ-2").matterName("Only what is required").clientId("C-R2")
                .clientName("Client R2").jurisdiction("ABA").feeType(FeeType.HOURLY)
                .retainerType(RetainerType.EVERGREEN).status(MatterStatus.OPEN)
                .trustBalance(new BigDecimal("-12.00")).build();
    }
}
