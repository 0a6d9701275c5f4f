-- Trustwatch schema, version 10: evaluations are jobs the scheduler and the console can follow.
-- An evaluation is accepted (QUEUED), runs (RUNNING) and ends DONE, FAILED or CANCELLED; it shows
-- its progress while it runs and its counts by type, severity, band and outcome. Dry runs are
-- recorded too (dry_run = TRUE), with the actions they found in preview_action, apart from the book.

-- who asked, how much there is to do, since when it runs
ALTER TABLE evaluation ADD COLUMN requested_by VARCHAR(128);
ALTER TABLE evaluation ADD COLUMN matters_total INT;
ALTER TABLE evaluation ADD COLUMN selection_size INT;
ALTER TABLE evaluation ADD COLUMN running_at TIMESTAMP(6);
UPDATE evaluation SET matters_total = matters_evaluated, running_at = started_at;

-- One real evaluation of the book at a time, whichever replica is asked: book_lock is 'book' while a
-- real evaluation is QUEUED or RUNNING and NULL once it has ended, and a unique index admits one.
ALTER TABLE evaluation ADD COLUMN book_lock VARCHAR(16);
CREATE UNIQUE INDEX uk_evaluation_book_lock ON evaluation (book_lock);

-- A retried trigger with the same Idempotency-Key header finds its evaluation; the fingerprint
-- (SHA-256 of what was asked) tells a retry from a different request under the same key.
ALTER TABLE evaluation ADD COLUMN idempotency_key VARCHAR(255);
ALTER TABLE evaluation ADD COLUMN request_fingerprint CHAR(64);
CREATE UNIQUE INDEX uk_evaluation_idempotency ON evaluation (idempotency_key);

-- Who asked a running evaluation to stop, and when; it stops after the chunk it is recording.
ALTER TABLE evaluation ADD COLUMN cancel_requested_by VARCHAR(128);
ALTER TABLE evaluation ADD COLUMN cancel_requested_at TIMESTAMP(6);

-- The signed audit checkpoint made as a real evaluation ended (its token, twcp1.…), shown with it.
ALTER TABLE evaluation ADD COLUMN audit_checkpoint VARCHAR(255);

-- The list, newest first.
CREATE INDEX ix_evaluation_started ON evaluation (started_at);

-- Counts of the actions an evaluation decided, by type, severity, band and outcome, kept as chunks
-- are recorded (in the chunk's transaction) so that a running evaluation's counts are exact. An
-- action without a severity or band counts under ''.
CREATE TABLE evaluation_tally (
    evaluation_id VARCHAR(36) NOT NULL,
    type          VARCHAR(32) NOT NULL,
    severity      VARCHAR(16) NOT NULL,
    band          VARCHAR(16) NOT NULL,
    outcome       VARCHAR(24) NOT NULL,
    action_count  INT         NOT NULL,
    PRIMARY KEY (evaluation_id, type, severity, band, outcome)
);
INSERT INTO evaluation_tally (evaluation_id, type, severity, band, outcome, action_count)
SELECT ea.evaluation_id, a.type, COALESCE(a.severity, ''), COALESCE(a.band, ''), ea.outcome, COUNT(*)
  FROM evaluation_action ea JOIN planned_action a ON a.id = ea.action_id
 GROUP BY ea.evaluation_id, a.type, COALESCE(a.severity, ''), COALESCE(a.band, ''), ea.outcome;

-- What a dry run found, action by action, and what a real run would have done with each at the time:
-- NEW, ALREADY_RECORDED (with its delivery state) or SUPPRESSED (with the reason in note); held_for: the
-- codes of the reasons a client message waits (would wait) for a person's review, comma separated.
-- Kept for trustwatch.evaluation.dry-run-retention, then forgotten with the dry run.
CREATE TABLE preview_action (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    evaluation_id   VARCHAR(36)   NOT NULL,
    matter_number   VARCHAR(64)   NOT NULL,
    type            VARCHAR(32)   NOT NULL,
    severity        VARCHAR(16),
    band            VARCHAR(16),
    code            VARCHAR(64),
    amount          DECIMAL(15,2),
    to_addresses    VARCHAR(2000) NOT NULL,
    cc_addresses    VARCHAR(2000) NOT NULL,
    bcc_addresses   VARCHAR(2000) NOT NULL,
    rule_id         VARCHAR(32)   NOT NULL,
    reason          VARCHAR(2000) NOT NULL,
    citation        VARCHAR(500),
    idempotency_key VARCHAR(255)  NOT NULL,
    outcome         VARCHAR(24)   NOT NULL,
    delivery        VARCHAR(24),
    note            VARCHAR(1000),
    held_for        VARCHAR(500)
);
CREATE INDEX ix_preview_evaluation ON preview_action (evaluation_id, id);
CREATE INDEX ix_preview_matter ON preview_action (evaluation_id, matter_number);
