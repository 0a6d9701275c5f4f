-- Trustwatch schema, version 12: the monthly email of the reports to the trust-account supervisor.
-- One row per report email, once per key (the month: "monthly-reports:2026-11"), with the message as
-- it was prepared: a retry or a "send again" sends the same figures, whenever it goes out.
CREATE TABLE report_mail (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    mail_key       VARCHAR(255)  NOT NULL,
    report_month   VARCHAR(7)    NOT NULL,
    recipient      VARCHAR(320)  NOT NULL,
    recipient_name VARCHAR(200),
    subject        VARCHAR(500)  NOT NULL,
    body_text      MEDIUMTEXT    NOT NULL,
    body_html      MEDIUMTEXT    NOT NULL,
    requested_by   VARCHAR(100)  NOT NULL,
    created_at     TIMESTAMP(6)  NOT NULL,
    CONSTRAINT uk_report_mail UNIQUE (mail_key)
);

-- The files sent with a report email (the reports' CSVs, byte for byte as the console downloads them).
CREATE TABLE report_mail_attachment (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    report_mail_id BIGINT        NOT NULL,
    seq            INT           NOT NULL,
    file_name      VARCHAR(200)  NOT NULL,
    content_type   VARCHAR(100)  NOT NULL,
    content        MEDIUMBLOB    NOT NULL,
    CONSTRAINT uk_report_mail_attachment UNIQUE (report_mail_id, seq)
);

-- An outbox row may deliver a report email (channel REPORT_EMAIL): at most one row per report email.
ALTER TABLE outbox ADD COLUMN report_mail_id BIGINT;
CREATE UNIQUE INDEX uk_outbox_report_mail ON outbox (report_mail_id);
