-- Trustwatch schema, version 7: the amount of a flat fee, so California's rule can tell a fee of
-- $1,000 or less (a written disclosure suffices) from a larger one (the client must sign it).
-- Unknown on every existing matter until the firm records it.
ALTER TABLE matter ADD COLUMN flat_fee_amount DECIMAL(15,2);
