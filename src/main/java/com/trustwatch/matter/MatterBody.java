package com.trustwatch.matter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.trustwatch.web.StrictJson;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code PUT /api/matters/{matterNumber}}: every field of {@link MatterFields} by its JSON
 * name, read strictly. Text, amounts and dates are JSON strings ({@code "1240.00"},
 * {@code "2026-11-20"}); yes/no fields are JSON booleans; an unknown field is refused. The values
 * are then checked by {@link MatterFields}, exactly as the roster import checks its cells.
 */
@Serdeable
@Introspected
@JsonIgnoreProperties(ignoreUnknown = false)
public record MatterBody(
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String matterNumber,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String matterName,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String clientId,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String clientName,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String clientTier,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String billingContactName,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String billingContactEmail,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String billingContactPhone,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Flag.class) Boolean smsConsent,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String attorneyName,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String attorneyEmail,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String billingManagerEmail,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String bookkeeperEmail,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String practiceGroupLeaderEmail,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String managingPartnerEmail,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String jurisdiction,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String practiceArea,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String feeType,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String retainerType,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String status,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String closedOn,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String trustBalance,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String originalRetainer,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String floor,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String refillTarget,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String monthlyBilling,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String lastReplenishedOn,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String lastReconciledOn,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Flag.class) Boolean paymentPlan,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Flag.class) Boolean disputed,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String disputedAmount,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String flatFeeAccount,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Flag.class) Boolean flatFeeDisclosureSigned,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String flatFeeAmount,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Flag.class) Boolean nonrefundableFeeTerm,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String lastDepositOn,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String receiptNotifiedOn,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String lastAccountingOn) {

    /** The values sent, by JSON name, as text ({@code true}/{@code false} for yes/no fields); absent ones left out. */
    public Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        BeanIntrospection<MatterBody> introspection = BeanIntrospection.getIntrospection(MatterBody.class);
        for (var property : introspection.getBeanProperties()) {
            Object v = property.get(this);
            if (v != null) {
                out.put(property.getName(), v.toString());
            }
        }
        return out;
    }
}
