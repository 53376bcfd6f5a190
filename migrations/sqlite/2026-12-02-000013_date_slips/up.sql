-- Target dates moved later on a pressing irritant wait for a manager: the proposal, and its
-- decision, are kept here and in the history.
CREATE TABLE date_slips (
    id TEXT PRIMARY KEY NOT NULL,
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    proposed_by TEXT NOT NULL REFERENCES people (id),
    from_date DATE NOT NULL,
    to_date DATE NOT NULL CHECK (to_date > from_date),
    reason TEXT NOT NULL CHECK (length(reason) > 0),
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
    decided_by TEXT REFERENCES people (id),
    decided_at TIMESTAMP,
    decision_reason TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    CHECK ((state = 'pending') = (decided_at IS NULL))
);
-- One proposal awaits a decision per irritant at a time.
CREATE UNIQUE INDEX date_slips_one_pending ON date_slips (irritant_id) WHERE state = 'pending';
CREATE INDEX date_slips_pending ON date_slips (state, created_at);

-- History learns of proposals and decisions. SQLite cannot change a CHECK in place, so the
-- table is rebuilt with every row it holds, with its indexes and append-only triggers.
CREATE TABLE history_with_date_slips (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    irritant_id TEXT NOT NULL REFERENCES irritants (id),
    version INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES people (id),
    occurred_at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'field_changed', 'status_changed', 'update_added',
        'milestone_added', 'milestone_changed', 'link_added', 'statement_linked',
        'statement_unlinked', 'link_removed', 'slip_proposed', 'slip_approved', 'slip_rejected')),
    field TEXT,
    before_value TEXT,
    after_value TEXT,
    effective_date DATE,
    summary TEXT NOT NULL DEFAULT ''
);
INSERT INTO history_with_date_slips
    (id, irritant_id, version, actor_id, occurred_at, kind, field, before_value, after_value,
     effective_date, summary)
    SELECT id, irritant_id, version, actor_id, occurred_at, kind, field, before_value,
           after_value, effective_date, summary
    FROM history;
DROP TABLE history;
ALTER TABLE history_with_date_slips RENAME TO history;
CREATE INDEX history_by_irritant ON history (irritant_id, id);
CREATE INDEX history_by_time ON history (occurred_at);
CREATE INDEX history_changes ON history (kind, effective_date, before_value, after_value,
    irritant_id) WHERE kind IN ('created', 'status_changed');
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

-- What needs attention, ranked by severity, read from the index alone (the page's rows are
-- then read by id); and the week's changes counted kind by kind.
CREATE INDEX irritants_for_attention ON irritants (status, rag, target_date, next_milestone_due,
    priority, owner_id, last_progress_on, status_date, priority_rank, id);
CREATE INDEX history_by_kind_field_time ON history (kind, field, occurred_at);
