package com.trustwatch.ledger;

/** A trust-ledger event. Deposits raise the balance; drawdowns (fees earned) and refunds lower it. */
public enum TransactionType {
    DEPOSIT(1), DRAWDOWN(-1), REFUND(-1);

    private final int sign;

    TransactionType(int sign) {
        this.sign = sign;
    }

    public int sign() {
        return sign;
    }
}
