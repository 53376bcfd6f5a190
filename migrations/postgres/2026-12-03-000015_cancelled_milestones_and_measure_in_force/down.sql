ALTER TABLE irritants DROP COLUMN in_force_since;
UPDATE milestones SET state = 'done' WHERE state = 'cancelled';
ALTER TABLE milestones DROP CONSTRAINT milestones_state_check;
ALTER TABLE milestones ADD CONSTRAINT milestones_state_check
    CHECK (state IN ('planned', 'in_progress', 'done'));
