-- Trustwatch schema, version 11: the connectors (docs/operations.md, "Connectors"): payments in, the
-- practice-management book in, text messages and signed events out.

-- A deposit's payment method and the day its funds clear; no clearing day means cleared on its date.
ALTER TABLE ledger_transaction ADD COLUMN method VARCHAR(16);
ALTER TABLE ledger_transaction ADD COLUMN clears_on DATE;
CREATE INDEX ix_ledger_clearing ON ledger_transaction (clears_on, matter_number);

-- Every payment event a processor sent, once per provider event id, and what became of it. A deposit
-- is keyed by the payment (deposit_key: the provider and its payment id), so the several events one
-- payment fires (Stripe: checkout.session.completed and payment_intent.succeeded) record one deposit.
CREATE TABLE payment_event (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    provider      VARCHAR(32)   NOT NULL,
    event_id      VARCHAR(255)  NOT NULL,
    event_type    VARCHAR(64)   NOT NULL,
    payment_id    VARCHAR(255),
    deposit_key   VARCHAR(255),
    matter_number VARCHAR(64),
    amount        DECIMAL(15,2),
    currency      VARCHAR(8),
    outcome       VARCHAR(16)   NOT NULL,
    detail        VARCHAR(2000),
    ledger_id     BIGINT,
    received_at   TIMESTAMP(6)  NOT NULL,
    CONSTRAINT uk_payment_event UNIQUE (provider, event_id),
    CONSTRAINT uk_payment_deposit UNIQUE (deposit_key)
);
CREATE INDEX ix_payment_matter ON payment_event (matter_number, received_at);

-- Consent to text messages (TCPA), one row per mobile number in E.164 form: granted or revoked, how
-- (source) and when; every change is also in the audit trail.
CREATE TABLE sms_consent (
    phone        VARCHAR(20)   PRIMARY KEY,
    status       VARCHAR(16)   NOT NULL,
    source       VARCHAR(500)  NOT NULL,
    given_at     TIMESTAMP(6)  NOT NULL,
    recorded_by  VARCHAR(128)  NOT NULL,
    time_zone    VARCHAR(64),
    updated_at   TIMESTAMP(6)  NOT NULL
);

-- The firm's other tools that receive signed events: URL, secret (encrypted at rest), event types.
CREATE TABLE webhook_subscription (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    url         VARCHAR(2000) NOT NULL,
    secret      VARCHAR(512)  NOT NULL,
    event_types VARCHAR(500)  NOT NULL,
    active      BOOLEAN       NOT NULL,
    created_by  VARCHAR(128)  NOT NULL,
    created_at  TIMESTAMP(6)  NOT NULL,
    updated_at  TIMESTAMP(6)  NOT NULL
);

-- Events as they were published, once per business fact (event_key), with the JSON body sent.
CREATE TABLE webhook_event (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    event_key     VARCHAR(255)  NOT NULL,
    public_id     VARCHAR(40)   NOT NULL,
    type          VARCHAR(32)   NOT NULL,
    matter_number VARCHAR(64),
    payload       TEXT          NOT NULL,
    created_at    TIMESTAMP(6)  NOT NULL,
    CONSTRAINT uk_webhook_event UNIQUE (event_key)
);

-- The outbox carries more than one channel per action (an email and a text message) and deliveries
-- of events (one row per event and subscription), which have no action.
ALTER TABLE outbox MODIFY action_id BIGINT NULL;
ALTER TABLE outbox DROP INDEX uk_outbox_action;
ALTER TABLE outbox ADD COLUMN event_id BIGINT;
ALTER TABLE outbox ADD COLUMN subscription_id BIGINT;
CREATE UNIQUE INDEX uk_outbox_delivery ON outbox (action_id, channel);
CREATE UNIQUE INDEX uk_outbox_event ON outbox (event_id, subscription_id);

-- The connection to Clio Manage: OAuth tokens (encrypted at rest; the key is in configuration) and
-- the incremental-sync cursor. One row (id 1).
CREATE TABLE clio_connection (
    id             INT           PRIMARY KEY,
    pending_state  VARCHAR(64),
    access_token   VARCHAR(1024),
    refresh_token  VARCHAR(1024),
    expires_at     TIMESTAMP(6),
    synced_through TIMESTAMP(6),
    status         VARCHAR(32)   NOT NULL,
    updated_at     TIMESTAMP(6)  NOT NULL
);
