-- A milestone may be cancelled; and an irritant records the day its measure took effect.

-- SQLite cannot change a CHECK in place: the milestones are rebuilt with every row they hold.
CREATE TABLE milestones_with_cancelled (
    id TEXT PRIMARY KEY NOT NULL,
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    title TEXT NOT NULL CHECK (length(title) > 0),
    due_date DATE NOT NULL,
    owner_id TEXT REFERENCES people (id),
    state TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'done', 'cancelled')),
    completed_on DATE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO milestones_with_cancelled
    (id, irritant_id, title, due_date, owner_id, state, completed_on, version, created_at,
     updated_at)
    SELECT id, irritant_id, title, due_date, owner_id, state, completed_on, version, created_at,
           updated_at
    FROM milestones;
DROP TABLE milestones;
ALTER TABLE milestones_with_cancelled RENAME TO milestones;
CREATE INDEX milestones_by_irritant ON milestones (irritant_id, due_date);
CREATE INDEX milestones_by_due ON milestones (state, due_date);
CREATE INDEX milestones_by_owner ON milestones (owner_id, state, due_date);

ALTER TABLE irritants ADD COLUMN in_force_since DATE;
