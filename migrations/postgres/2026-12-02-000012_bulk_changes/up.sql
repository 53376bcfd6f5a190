-- A change made to many irritants at once: who asked for what, and what became of each
-- irritant. Each irritant's own history records its change; this row is what the person (and
-- the people told of it) read back as one.
CREATE TABLE bulk_changes (
    id TEXT PRIMARY KEY NOT NULL,
    actor_id TEXT NOT NULL REFERENCES people (id),
    -- What was asked, as JSON: the change and its values.
    request TEXT NOT NULL,
    -- What became of each irritant, as JSON, in the order they were listed.
    outcomes TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
