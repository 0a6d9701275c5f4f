-- Trustwatch schema, version 6: one name per concept, and no table read through another's owner.

-- The escalation ladder's memory is the matter's low-balance episode (package episode/).
ALTER TABLE replenishment_case RENAME TO low_balance_episode;

-- A low-balance action carries its band (WATCH, WARNING, BREACH, CRITICAL) apart from its severity,
-- which is now LOW, MEDIUM, HIGH or CRITICAL for every action.
ALTER TABLE planned_action ADD COLUMN band VARCHAR(16);
UPDATE planned_action SET band = severity
 WHERE severity IN ('WATCH', 'WARNING', 'BREACH')
    OR (severity = 'CRITICAL' AND (type IN ('REPLENISHMENT_REQUEST', 'ESCALATION', 'PAUSE_WORK_NOTICE')
                                   OR code LIKE 'LOW_BALANCE_%'));
UPDATE planned_action SET severity = CASE band WHEN 'WATCH' THEN 'LOW' WHEN 'WARNING' THEN 'MEDIUM'
                                               WHEN 'BREACH' THEN 'HIGH' ELSE 'CRITICAL' END
 WHERE band IS NOT NULL;
UPDATE exception_item SET severity = CASE severity WHEN 'WATCH' THEN 'LOW' WHEN 'WARNING' THEN 'MEDIUM'
                                                   WHEN 'BREACH' THEN 'HIGH' ELSE severity END;

-- What a client request promises is fixed when it is decided: the as-of date it describes, the
-- deadline it names, and the first day of the drawdowns its letter lists.
ALTER TABLE planned_action ADD COLUMN as_of DATE;
ALTER TABLE planned_action ADD COLUMN deadline DATE;
ALTER TABLE planned_action ADD COLUMN drawdowns_from DATE;
UPDATE planned_action SET as_of = (SELECT e.as_of FROM evaluation e WHERE e.id = planned_action.evaluation_id);

-- The outbox row names its matter and action type, so the outbox is listed and filtered on its own.
-- A row is HELD until the evaluation that recorded it finishes.
ALTER TABLE outbox ADD COLUMN matter_number VARCHAR(64);
ALTER TABLE outbox ADD COLUMN action_type VARCHAR(32);
UPDATE outbox SET matter_number = (SELECT a.matter_number FROM planned_action a WHERE a.id = outbox.action_id),
                  action_type = (SELECT a.type FROM planned_action a WHERE a.id = outbox.action_id);
CREATE INDEX ix_outbox_matter ON outbox (matter_number);
CREATE INDEX ix_outbox_evaluation ON outbox (evaluation_id, state);

-- Likewise an exception item names the action type and rule behind it.
ALTER TABLE exception_item ADD COLUMN action_type VARCHAR(32);
ALTER TABLE exception_item ADD COLUMN rule_id VARCHAR(32);
UPDATE exception_item SET action_type = (SELECT a.type FROM planned_action a WHERE a.id = exception_item.action_id),
                          rule_id = (SELECT a.rule_id FROM planned_action a WHERE a.id = exception_item.action_id);
