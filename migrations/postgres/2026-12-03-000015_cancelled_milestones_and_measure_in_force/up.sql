-- A milestone may be cancelled; and an irritant records the day its measure took effect.
ALTER TABLE milestones DROP CONSTRAINT milestones_state_check;
ALTER TABLE milestones ADD CONSTRAINT milestones_state_check
    CHECK (state IN ('planned', 'in_progress', 'done', 'cancelled'));

ALTER TABLE irritants ADD COLUMN in_force_since DATE;
