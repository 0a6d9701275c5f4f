-- Trustwatch schema, version 8: the policy is versioned data (docs/decision-tables.md).
-- A ruleset version is a complete set of decision-table workbooks, uploaded by a billing manager,
-- checked, tested, approved by a second person and activated; the DRL rule files stay in the
-- service's rules folder and are part of each version's fingerprint.
CREATE TABLE ruleset_version (
    version        INT           PRIMARY KEY,
    state          VARCHAR(16)   NOT NULL,
    note           VARCHAR(2000) NOT NULL,
    based_on       INT,
    fingerprint    VARCHAR(64)   NOT NULL,
    rules_manifest TEXT          NOT NULL,
    tests_run      INT           NOT NULL,
    tests_failed   INT           NOT NULL,
    test_report    TEXT,
    uploaded_by    VARCHAR(128)  NOT NULL,
    uploaded_at    TIMESTAMP(6)  NOT NULL,
    approved_by    VARCHAR(128),
    approved_at    TIMESTAMP(6),
    activated_by   VARCHAR(128),
    activated_at   TIMESTAMP(6),
    retired_at     TIMESTAMP(6),
    rejected_by    VARCHAR(128),
    rejected_at    TIMESTAMP(6),
    reject_note    VARCHAR(2000),
    was_active     BOOLEAN       NOT NULL
);

-- The workbooks of each version, byte for byte, with their SHA-256. A workbook not uploaded with a
-- version is copied from the version that was active then (uploaded = FALSE).
CREATE TABLE ruleset_workbook (
    version  INT          NOT NULL,
    name     VARCHAR(64)  NOT NULL,
    sha256   CHAR(64)     NOT NULL,
    size     INT          NOT NULL,
    uploaded BOOLEAN      NOT NULL,
    content  MEDIUMBLOB   NOT NULL,
    PRIMARY KEY (version, name)
);

-- Which version is in force: one row, locked by every upload and activation so that versions are
-- numbered and activated in one order; replicas poll it to pick up an activation.
CREATE TABLE ruleset_head (
    id             INT          PRIMARY KEY,
    active_version INT,
    changed_at     TIMESTAMP(6)
);
INSERT INTO ruleset_head (id, active_version, changed_at) VALUES (1, NULL, NULL);

-- Ethics counsel's sign-offs of compliance packs, each bound to the SHA-256 of the text signed.
CREATE TABLE pack_signoff (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    pack      VARCHAR(64)   NOT NULL,
    sha256    CHAR(64)      NOT NULL,
    reviewer  VARCHAR(128)  NOT NULL,
    signed_on DATE          NOT NULL,
    signed_at TIMESTAMP(6)  NOT NULL,
    note      VARCHAR(2000) NOT NULL,
    source    VARCHAR(16)   NOT NULL,
    CONSTRAINT uk_pack_signoff UNIQUE (pack, sha256, reviewer)
);
