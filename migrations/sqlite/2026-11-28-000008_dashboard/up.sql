-- The day each irritant was opened, which ageing and staleness are judged from. Until now it
-- lived only in the history's "created" entry; irritants from before the history kept it are
-- taken as opened on the day they were recorded.
ALTER TABLE irritants ADD COLUMN opened_on DATE NOT NULL DEFAULT '2000-01-01';
UPDATE irritants SET opened_on = COALESCE(
    (SELECT history.effective_date FROM history
     WHERE history.irritant_id = irritants.id AND history.kind = 'created'
     ORDER BY history.id LIMIT 1),
    date(created_at));

-- The dashboard reads the history by kind over a period (openings and status changes week
-- by week) and by time (what changed in the last days).
CREATE INDEX history_by_kind_and_date ON history (kind, effective_date);
CREATE INDEX history_by_time ON history (occurred_at);
CREATE INDEX milestones_by_owner ON milestones (owner_id, state, due_date);
