package com.trustwatch.ledger;

import jakarta.annotation.Nullable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One trust-ledger event as recorded, with the balance it left. A deposit may carry its payment
 * method and the day its funds clear ({@code clearsOn}; null: cleared on its date).
 */
@Entity
@Table(name = "ledger_transaction")
public record LedgerTransaction(
        @Id @GeneratedValue @Nullable Long id,
        String matterNumber,
        @Enumerated(EnumType.STRING) TransactionType type,
        BigDecimal amount,
        LocalDate txnDate,
        @Nullable String description,
        BigDecimal balanceAfter,
        LocalDateTime recordedAt,
        @Nullable String method,
        @Nullable LocalDate clearsOn) {

    /** Whether the funds of this deposit are still uncleared on {@code day}. */
    public boolean unclearedOn(LocalDate day) {
        return type == TransactionType.DEPOSIT && clearsOn != null && !txnDate.isAfter(day) && clearsOn.isAfter(day);
    }
}
