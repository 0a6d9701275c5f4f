-- Trustwatch schema, version 2: outbox claims carry a token.
-- A dispatcher settles (SENT, FAILED, DEAD) only the rows it still holds under the token it claimed
-- them with: one that outlived its lease cannot overwrite what the dispatcher that took over recorded.
ALTER TABLE outbox ADD COLUMN claim_token VARCHAR(36);

-- Claims and settlements select a message group's rows by group_key.
CREATE INDEX ix_outbox_group ON outbox (group_key);
