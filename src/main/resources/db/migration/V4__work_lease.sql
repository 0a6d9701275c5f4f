-- Partitioned evaluation (docs/scaling.md): a whole-book run is cut into chunks of matter ids, and
-- every replica sharing this database leases chunks with SELECT ... FOR UPDATE SKIP LOCKED until
-- none is left. A chunk covers the matters with after_id < id <= last_id. The ruleset version is
-- copied onto each chunk so that a replica running another version never leases it.
CREATE TABLE work_lease (
    evaluation_id   VARCHAR(36)   NOT NULL,
    chunk_no        INT           NOT NULL,
    after_id        BIGINT        NOT NULL,
    last_id         BIGINT        NOT NULL,
    as_of           DATE          NOT NULL,
    ruleset_version VARCHAR(32)   NOT NULL,
    actor           VARCHAR(128),
    state           VARCHAR(16)   NOT NULL,
    owner           VARCHAR(128),
    leased_until    TIMESTAMP(6),
    attempts        INT           NOT NULL,
    matters         INT,
    actions_new     INT,
    failure         VARCHAR(2000),
    updated_at      TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (evaluation_id, chunk_no)
);
CREATE INDEX ix_work_lease_state ON work_lease (state, ruleset_version);
