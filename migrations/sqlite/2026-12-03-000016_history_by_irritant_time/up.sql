-- The latest changes to the irritants of one counterpart, sector or department: each
-- irritant's recent history is found by time, not read whole.
CREATE INDEX history_by_irritant_time ON history (irritant_id, occurred_at);
