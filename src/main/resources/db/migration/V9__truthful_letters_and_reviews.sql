-- Trustwatch schema, version 9: letters say where their figures come from, a person releases the
-- client messages that must not go out alone, and the exception queue keeps one open item per matter
-- and concern.

-- What a letter says about its threshold and its projection is fixed with the action: where the
-- threshold comes from (FEE_AGREEMENT_FLOOR, RUNWAY_MINIMUM with its days, PRACTICE_MINIMUM,
-- RETAINER_SHARE with its share, NONE) and where the burn rate comes from (LEDGER or IMPORTED).
ALTER TABLE planned_action ADD COLUMN threshold_basis VARCHAR(32);
ALTER TABLE planned_action ADD COLUMN threshold_days INT;
ALTER TABLE planned_action ADD COLUMN threshold_share DECIMAL(9,6);
ALTER TABLE planned_action ADD COLUMN burn_source VARCHAR(16);
ALTER TABLE planned_action ADD COLUMN monthly_burn DECIMAL(15,2);

-- The ladder counts from the day the first request went out: the day it was decided, or the day a
-- person released it (NULL while it waits, or after it was declined). Every later message of the
-- episode names the pay-by date of its first request.
ALTER TABLE low_balance_episode ADD COLUMN ladder_from DATE;
ALTER TABLE low_balance_episode ADD COLUMN deadline DATE;
UPDATE low_balance_episode SET ladder_from = episode_start;
UPDATE low_balance_episode SET deadline = (SELECT MIN(a.deadline) FROM planned_action a
    WHERE a.matter_number = low_balance_episode.matter_number AND a.type = 'REPLENISHMENT_REQUEST'
      AND a.episode = CONCAT('low-balance:', low_balance_episode.episode_start, ':stage-1'));

-- Client messages held for a person (active litigation, a negative client ledger, or by firm setting
-- every first request): PENDING until an attorney or billing manager APPROVED, AMENDED or DECLINED it,
-- or WITHDRAWN when its episode ended first. The holds column has one line per reason: CODE|RULE|sentence.
CREATE TABLE request_review (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    action_id       BIGINT        NOT NULL,
    evaluation_id   VARCHAR(36)   NOT NULL,
    matter_number   VARCHAR(64)   NOT NULL,
    client_id       VARCHAR(64)   NOT NULL,
    action_type     VARCHAR(32)   NOT NULL,
    episode_start   DATE,
    ladder_stage    INT           NOT NULL,
    holds           VARCHAR(2000) NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    proposed_amount DECIMAL(15,2),
    released_amount DECIMAL(15,2),
    decided_by      VARCHAR(128),
    decided_on      DATE,
    note            VARCHAR(2000),
    created_at      TIMESTAMP(6)  NOT NULL,
    updated_at      TIMESTAMP(6)  NOT NULL,
    CONSTRAINT uk_review_action UNIQUE (action_id)
);
CREATE INDEX ix_review_state ON request_review (state, created_at);
CREATE INDEX ix_review_matter ON request_review (matter_number, state);

-- One open item per matter and concern ("balance" for everything about a low or overdrawn balance,
-- "data-quality", or a flag's code): open_key is matter|concern while the item is open and NULL once
-- it is resolved. Later findings are attached to the open item (exception_finding) instead of opening
-- items of their own. Items opened before this version keep a NULL concern and stay as they are.
ALTER TABLE exception_item ADD COLUMN concern VARCHAR(64);
ALTER TABLE exception_item ADD COLUMN open_key VARCHAR(160);
ALTER TABLE exception_item ADD COLUMN findings INT DEFAULT 1 NOT NULL;
ALTER TABLE exception_item ADD COLUMN last_seen_at TIMESTAMP(6);
UPDATE exception_item SET last_seen_at = updated_at;
CREATE UNIQUE INDEX uk_exception_open ON exception_item (open_key);
-- each evaluated chunk looks up its matters' open items, to close those whose cause is gone
CREATE INDEX ix_exception_matter ON exception_item (matter_number, open_key);

CREATE TABLE exception_finding (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    item_id   BIGINT        NOT NULL,
    action_id BIGINT,
    code      VARCHAR(64),
    severity  VARCHAR(16),
    rule_id   VARCHAR(32),
    summary   VARCHAR(2000) NOT NULL,
    found_at  TIMESTAMP(6)  NOT NULL
);
CREATE INDEX ix_finding_item ON exception_finding (item_id, id);
INSERT INTO exception_finding (item_id, action_id, code, severity, rule_id, summary, found_at)
    SELECT id, action_id, NULL, severity, rule_id, summary, created_at FROM exception_item;
