-- The citation of the rule that produced an action (compliance flags carry their rule's citation).
ALTER TABLE planned_action ADD COLUMN citation VARCHAR(500);
