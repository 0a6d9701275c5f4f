package com.trustwatch.matter;

import jakarta.annotation.Nullable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One legal matter as the firm's books describe it (DESIGN.md, "Data a matter carries").
 * Unknown values are {@code null}; the rules treat "unknown" as its own outcome, never as bad data.
 * Mapped with the standard persistence annotations so the domain stays free of framework imports.
 * The evaluation reads the book through {@code MatterRepository}'s own row reader: a new component needs
 * its column there too ({@code MatterReadIT} fails until it has one).
 */
@Entity
@Table(name = "matter")
public record Matter(
        @Id @GeneratedValue @Nullable Long id,
        String matterNumber,
        String matterName,
        String clientId,
        String clientName,
        @Nullable @Enumerated(EnumType.STRING) Tier clientTier,
        @Nullable String billingContactName,
        @Nullable String billingContactEmail,
        @Nullable String billingContactPhone,
        @Nullable Boolean smsConsent,
        @Nullable String attorneyName,
        @Nullable String attorneyEmail,
        @Nullable String billingManagerEmail,
        @Nullable String bookkeeperEmail,
        @Nullable String practiceGroupLeaderEmail,
        @Nullable String managingPartnerEmail,
        String jurisdiction,
        @Nullable String practiceArea,
        @Enumerated(EnumType.STRING) FeeType feeType,
        @Enumerated(EnumType.STRING) RetainerType retainerType,
        @Enumerated(EnumType.STRING) MatterStatus status,
        @Nullable LocalDate closedOn,
        BigDecimal trustBalance,
        @Nullable BigDecimal originalRetainer,
        @Nullable @Column(name = "fee_floor") BigDecimal floor,
        @Nullable BigDecimal refillTarget,
        @Nullable BigDecimal monthlyBilling,
        @Nullable LocalDate lastReplenishedOn,
        @Nullable LocalDate lastReconciledOn,
        @Nullable Boolean paymentPlan,
        @Nullable Boolean disputed,
        @Nullable BigDecimal disputedAmount,
        @Nullable String flatFeeAccount,
        @Nullable Boolean flatFeeDisclosureSigned,
        @Nullable BigDecimal flatFeeAmount,
        @Nullable Boolean nonrefundableFeeTerm,
        @Nullable LocalDate lastDepositOn,
        @Nullable LocalDate receiptNotifiedOn,
        @Nullable LocalDate lastAccountingOn) {

    public Matter withId(Long newId) {
        return toBuilder().id(newId).build();
    }

    public Matter withTrustBalance(BigDecimal balance) {
        return toBuilder().trustBalance(balance).build();
    }

    public boolean isPaymentPlan() {
        return Boolean.TRUE.equals(paymentPlan);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction for importers, the HTTP layer and test fixtures. */
    public static final class Builder {
        private Long id;
        private String matterNumber;
        private String matterName;
        private String clientId;
        private String clientName;
        private Tier clientTier;
        private String billingContactName;
        private String billingContactEmail;
        private String billingContactPhone;
        private Boolean smsConsent;
        private String attorneyName;
        private String attorneyEmail;
        private String billingManagerEmail;
        private String bookkeeperEmail;
        private String practiceGroupLeaderEmail;
        private String managingPartnerEmail;
        private String jurisdiction = Jurisdiction.DEFAULT;
        private String practiceArea;
        private FeeType feeType = FeeType.HOURLY;
        private RetainerType retainerType = RetainerType.EVERGREEN;
        private MatterStatus status = MatterStatus.OPEN;
        private LocalDate closedOn;
        private BigDecimal trustBalance = BigDecimal.ZERO;
        private BigDecimal originalRetainer;
        private BigDecimal floor;
        private BigDecimal refillTarget;
        private BigDecimal monthlyBilling;
        private LocalDate lastReplenishedOn;
        private LocalDate lastReconciledOn;
        private Boolean paymentPlan;
        private Boolean disputed;
        private BigDecimal disputedAmount;
        private String flatFeeAccount;
        private Boolean flatFeeDisclosureSigned;
        private BigDecimal flatFeeAmount;
        private Boolean nonrefundableFeeTerm;
        private LocalDate lastDepositOn;
        private LocalDate receiptNotifiedOn;
        private LocalDate lastAccountingOn;

        private Builder() {
        }

        private Builder(Matter m) {
            id = m.id; matterNumber = m.matterNumber; matterName = m.matterName; clientId = m.clientId;
            clientName = m.clientName; clientTier = m.clientTier; billingContactName = m.billingContactName;
            billingContactEmail = m.billingContactEmail; billingContactPhone = m.billingContactPhone;
            smsConsent = m.smsConsent; attorneyName = m.attorneyName; attorneyEmail = m.attorneyEmail;
            billingManagerEmail = m.billingManagerEmail; bookkeeperEmail = m.bookkeeperEmail;
            practiceGroupLeaderEmail = m.practiceGroupLeaderEmail; managingPartnerEmail = m.managingPartnerEmail;
            jurisdiction = m.jurisdiction; practiceArea = m.practiceArea; feeType = m.feeType;
            retainerType = m.retainerType; status = m.status; closedOn = m.closedOn; trustBalance = m.trustBalance;
            originalRetainer = m.originalRetainer; floor = m.floor; refillTarget = m.refillTarget;
            monthlyBilling = m.monthlyBilling; lastReplenishedOn = m.lastReplenishedOn;
            lastReconciledOn = m.lastReconciledOn; paymentPlan = m.paymentPlan; disputed = m.disputed;
            disputedAmount = m.disputedAmount; flatFeeAccount = m.flatFeeAccount;
            flatFeeDisclosureSigned = m.flatFeeDisclosureSigned; flatFeeAmount = m.flatFeeAmount; nonrefundableFeeTerm = m.nonrefundableFeeTerm;
            lastDepositOn = m.lastDepositOn; receiptNotifiedOn = m.receiptNotifiedOn; lastAccountingOn = m.lastAccountingOn;
        }

        public Builder id(Long v) { id = v; return this; }
        public Builder matterNumber(String v) { matterNumber = v; return this; }
        public Builder matterName(String v) { matterName = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder clientName(String v) { clientName = v; return this; }
        public Builder clientTier(Tier v) { clientTier = v; return this; }
        public Builder billingContactName(String v) { billingContactName = v; return this; }
        public Builder billingContactEmail(String v) { billingContactEmail = v; return this; }
        public Builder billingContactPhone(String v) { billingContactPhone = v; return this; }
        public Builder smsConsent(Boolean v) { smsConsent = v; return this; }
        public Builder attorneyName(String v) { attorneyName = v; return this; }
        public Builder attorneyEmail(String v) { attorneyEmail = v; return this; }
        public Builder billingManagerEmail(String v) { billingManagerEmail = v; return this; }
        public Builder bookkeeperEmail(String v) { bookkeeperEmail = v; return this; }
        public Builder practiceGroupLeaderEmail(String v) { practiceGroupLeaderEmail = v; return this; }
        public Builder managingPartnerEmail(String v) { managingPartnerEmail = v; return this; }
        public Builder jurisdiction(String v) { jurisdiction = v; return this; }
        public Builder practiceArea(String v) { practiceArea = v; return this; }
        public Builder feeType(FeeType v) { feeType = v; return this; }
        public Builder retainerType(RetainerType v) { retainerType = v; return this; }
        public Builder status(MatterStatus v) { status = v; return this; }
        public Builder closedOn(LocalDate v) { closedOn = v; return this; }
        public Builder trustBalance(BigDecimal v) { trustBalance = v; return this; }
        public Builder originalRetainer(BigDecimal v) { originalRetainer = v; return this; }
        public Builder floor(BigDecimal v) { floor = v; return this; }
        public Builder refillTarget(BigDecimal v) { refillTarget = v; return this; }
        public Builder monthlyBilling(BigDecimal v) { monthlyBilling = v; return this; }
        public Builder lastReplenishedOn(LocalDate v) { lastReplenishedOn = v; return this; }
        public Builder lastReconciledOn(LocalDate v) { lastReconciledOn = v; return this; }
        public Builder paymentPlan(Boolean v) { paymentPlan = v; return this; }
        public Builder disputed(Boolean v) { disputed = v; return this; }
        public Builder disputedAmount(BigDecimal v) { disputedAmount = v; return this; }
        public Builder flatFeeAccount(String v) { flatFeeAccount = v; return this; }
        public Builder flatFeeDisclosureSigned(Boolean v) { flatFeeDisclosureSigned = v; return this; }
        public Builder flatFeeAmount(BigDecimal v) { flatFeeAmount = v; return this; }
        public Builder nonrefundableFeeTerm(Boolean v) { nonrefundableFeeTerm = v; return this; }
        public Builder lastDepositOn(LocalDate v) { lastDepositOn = v; return this; }
        public Builder receiptNotifiedOn(LocalDate v) { receiptNotifiedOn = v; return this; }
        public Builder lastAccountingOn(LocalDate v) { lastAccountingOn = v; return this; }

        public Matter build() {
            return new Matter(id, matterNumber, matterName, clientId, clientName, clientTier, billingContactName,
                    billingContactEmail, billingContactPhone, smsConsent, attorneyName, attorneyEmail,
                    billingManagerEmail, bookkeeperEmail, practiceGroupLeaderEmail, managingPartnerEmail,
                    jurisdiction, practiceArea, feeType, retainerType, status, closedOn, trustBalance,
                    originalRetainer, floor, refillTarget, monthlyBilling, lastReplenishedOn, lastReconciledOn,
                    paymentPlan, disputed, disputedAmount, flatFeeAccount, flatFeeDisclosureSigned, flatFeeAmount,
                    nonrefundableFeeTerm, lastDepositOn, receiptNotifiedOn, lastAccountingOn);
        }
    }
}
