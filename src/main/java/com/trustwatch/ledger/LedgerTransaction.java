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

/** One trust-ledger event as recorded, with the balance it left. */
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
        LocalDateTime recordedAt) {
}
