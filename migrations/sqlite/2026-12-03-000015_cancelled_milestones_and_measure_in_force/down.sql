ALTER TABLE irritants DROP COLUMN in_force_since;
UPDATE milestones SET state = 'done' WHERE state = 'cancelled';
CREATE TABLE milestones_without_cancelled (
    id TEXT PRIMARY KEY NOT NULL,
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    title TEXT NOT NULL CHECK (length(title) > 0),
    due_date DATE NOT NULL,
    owner_id TEXT REFERENCES people (id),
    state TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'done')),
    completed_on DATE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO milestones_without_cancelled SELECT * FROM milestones;
DROP TABLE milestones;
ALTER TABLE milestones_without_cancelled RENAME TO milestones;
CREATE INDEX milestones_by_irritant ON milestones (irritant_id, due_date);
CREATE INDEX milestones_by_due ON milestones (state, due_date);
CREATE INDEX milestones_by_owner ON milestones (owner_id, state, due_date);
