package com.trustwatch.ledger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.trustwatch.web.StrictJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A trust-ledger event as sent: {@code {"type":"DEPOSIT","amount":"3760.00","date":"2026-11-23","description":"Client wire"}};
 * a deposit may also name its payment {@code method} ({@code card}, {@code check}, ... as configured in
 * {@link ClearingSettings}) and the day its funds clear ({@code clearsOn}, ISO date).
 * Every value is a JSON string (an amount as a decimal string, as the API writes amounts); an
 * unknown field is refused. {@link RecordTransaction} checks the values.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record TransactionRequest(
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String type,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String amount,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String date,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String description,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String method,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String clearsOn) {
}
