-- Trustwatch schema, version 1. Runs unchanged on MySQL/MariaDB and on H2 in MySQL mode.
-- Money is DECIMAL(15,2); dates are DATE; instants are TIMESTAMP(6) in UTC.

CREATE TABLE matter (
    id                          BIGINT AUTO_INCREMENT PRIMARY KEY,
    matter_number               VARCHAR(64)   NOT NULL,
    matter_name                 VARCHAR(255)  NOT NULL,
    client_id                   VARCHAR(64)   NOT NULL,
    client_name                 VARCHAR(255)  NOT NULL,
    client_tier                 VARCHAR(16),
    billing_contact_name        VARCHAR(255),
    billing_contact_email       VARCHAR(255),
    billing_contact_phone       VARCHAR(64),
    sms_consent                 BOOLEAN,
    attorney_name               VARCHAR(255),
    attorney_email              VARCHAR(255),
    billing_manager_email       VARCHAR(255),
    bookkeeper_email            VARCHAR(255),
    practice_group_leader_email VARCHAR(255),
    managing_partner_email      VARCHAR(255),
    jurisdiction                VARCHAR(8)    NOT NULL,
    practice_area               VARCHAR(128),
    fee_type                    VARCHAR(16)   NOT NULL,
    retainer_type               VARCHAR(16)   NOT NULL,
    status                      VARCHAR(16)   NOT NULL,
    closed_on                   DATE,
    trust_balance               DECIMAL(15,2) NOT NULL,
    original_retainer           DECIMAL(15,2),
    fee_floor                   DECIMAL(15,2),
    refill_target               DECIMAL(15,2),
    monthly_billing             DECIMAL(15,2),
    last_replenished_on         DATE,
    last_reconciled_on          DATE,
    payment_plan                BOOLEAN,
    disputed                    BOOLEAN,
    disputed_amount             DECIMAL(15,2),
    flat_fee_account            VARCHAR(16),
    flat_fee_disclosure_signed  BOOLEAN,
    nonrefundable_fee_term      BOOLEAN,
    last_deposit_on             DATE,
    receipt_notified_on         DATE,
    last_accounting_on          DATE,
    CONSTRAINT uk_matter_number UNIQUE (matter_number)
);
CREATE INDEX ix_matter_client ON matter (client_id, matter_number);

CREATE TABLE ledger_transaction (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    matter_number VARCHAR(64)   NOT NULL,
    type          VARCHAR(16)   NOT NULL,
    amount        DECIMAL(15,2) NOT NULL,
    txn_date      DATE          NOT NULL,
    description   VARCHAR(500),
    balance_after DECIMAL(15,2) NOT NULL,
    recorded_at   TIMESTAMP(6)  NOT NULL
);
CREATE INDEX ix_ledger_matter ON ledger_transaction (matter_number, txn_date);

CREATE TABLE evaluation (
    id                VARCHAR(36)  PRIMARY KEY,
    as_of             DATE         NOT NULL,
    dry_run           BOOLEAN      NOT NULL,
    ruleset_version   VARCHAR(32)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    matters_evaluated INT          NOT NULL,
    actions_planned   INT          NOT NULL,
    actions_new       INT          NOT NULL,
    started_at        TIMESTAMP(6) NOT NULL,
    finished_at       TIMESTAMP(6),
    failure           VARCHAR(2000)
);

-- One row per business action, ever. The unique idempotency key (matter, type, episode) is what
-- makes two overlapping evaluations produce one action: the second insert is ignored.
CREATE TABLE planned_action (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    idempotency_key  VARCHAR(255)  NOT NULL,
    evaluation_id    VARCHAR(36)   NOT NULL,
    matter_number    VARCHAR(64)   NOT NULL,
    client_id        VARCHAR(64)   NOT NULL,
    type             VARCHAR(32)   NOT NULL,
    severity         VARCHAR(16),
    code             VARCHAR(64),
    amount           DECIMAL(15,2),
    balance          DECIMAL(15,2) NOT NULL,
    threshold        DECIMAL(15,2),
    refill_to        DECIMAL(15,2),
    depletion_date   DATE,
    to_addresses     VARCHAR(2000) NOT NULL,
    cc_addresses     VARCHAR(2000) NOT NULL,
    bcc_addresses    VARCHAR(2000) NOT NULL,
    rule_id          VARCHAR(32)   NOT NULL,
    rule_name        VARCHAR(255)  NOT NULL,
    reason           VARCHAR(2000) NOT NULL,
    episode          VARCHAR(160)  NOT NULL,
    ruleset_version  VARCHAR(32)   NOT NULL,
    created_at       TIMESTAMP(6)  NOT NULL,
    CONSTRAINT uk_action_idempotency UNIQUE (idempotency_key)
);
CREATE INDEX ix_action_matter ON planned_action (matter_number);

-- Which actions an evaluation decided, including ones an earlier evaluation had already recorded.
CREATE TABLE evaluation_action (
    evaluation_id VARCHAR(36) NOT NULL,
    action_id     BIGINT      NOT NULL,
    outcome       VARCHAR(16) NOT NULL,
    PRIMARY KEY (evaluation_id, action_id)
);

-- Delivery state of every action: PENDING -> SENDING -> SENT, or FAILED (will retry) -> DEAD.
CREATE TABLE outbox (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    action_id       BIGINT        NOT NULL,
    evaluation_id   VARCHAR(36)   NOT NULL,
    channel         VARCHAR(16)   NOT NULL,
    group_key       VARCHAR(255)  NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at TIMESTAMP(6)  NOT NULL,
    claimed_until   TIMESTAMP(6),
    message_id      VARCHAR(255),
    last_error      VARCHAR(2000),
    updated_at      TIMESTAMP(6)  NOT NULL,
    CONSTRAINT uk_outbox_action UNIQUE (action_id)
);
CREATE INDEX ix_outbox_due ON outbox (state, next_attempt_at);

-- An unpaid replenishment episode carried between evaluations (the escalation ladder's memory).
CREATE TABLE replenishment_case (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    matter_number  VARCHAR(64)  NOT NULL,
    episode_start  DATE         NOT NULL,
    stage_sent     INT          NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    open_key       VARCHAR(64),
    stopped_on     DATE,
    stop_reason    VARCHAR(500),
    updated_at     TIMESTAMP(6) NOT NULL,
    CONSTRAINT uk_case_open UNIQUE (open_key)
);
CREATE INDEX ix_case_matter ON replenishment_case (matter_number, status);

-- Append-only, hash-chained record of every check, decision, send, failure, stop and acknowledgement.
CREATE TABLE audit_entry (
    seq             BIGINT        PRIMARY KEY,
    recorded_at     TIMESTAMP(6)  NOT NULL,
    kind            VARCHAR(32)   NOT NULL,
    matter_number   VARCHAR(64),
    evaluation_id   VARCHAR(36),
    action_id       BIGINT,
    rule_id         VARCHAR(32),
    ruleset_version VARCHAR(32),
    actor           VARCHAR(128)  NOT NULL,
    detail          VARCHAR(4000) NOT NULL,
    prev_hash       CHAR(64)      NOT NULL,
    hash            CHAR(64)      NOT NULL
);
CREATE INDEX ix_audit_matter ON audit_entry (matter_number, seq);

-- The chain's head: one row, locked by every append so entries chain in a single order.
CREATE TABLE audit_head (
    id        INT      PRIMARY KEY,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- What needs a person: breaches, unpaid ladders, serious flags, dead letters, data-quality items.
CREATE TABLE exception_item (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    source_key    VARCHAR(255)  NOT NULL,
    kind          VARCHAR(32)   NOT NULL,
    matter_number VARCHAR(64),
    action_id     BIGINT,
    severity      VARCHAR(16),
    summary       VARCHAR(2000) NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    created_at    TIMESTAMP(6)  NOT NULL,
    updated_at    TIMESTAMP(6)  NOT NULL,
    handled_by    VARCHAR(128),
    handled_note  VARCHAR(2000),
    CONSTRAINT uk_exception_source UNIQUE (source_key)
);
CREATE INDEX ix_exception_status ON exception_item (status, created_at);
