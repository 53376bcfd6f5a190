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

-- History learns of proposals and decisions.
ALTER TABLE history DROP CONSTRAINT history_kind_check;
ALTER TABLE history ADD CONSTRAINT history_kind_check CHECK (kind IN ('created', 'field_changed',
    'status_changed', 'update_added', 'milestone_added', 'milestone_changed', 'link_added',
    'statement_linked', 'statement_unlinked', 'link_removed', 'slip_proposed', 'slip_approved',
    'slip_rejected'));

-- What needs attention, ranked by severity, read from the index alone (the page's rows are
-- then read by id); and the week's changes counted kind by kind.
CREATE INDEX irritants_for_attention ON irritants (status, rag, target_date, next_milestone_due,
    priority, owner_id, last_progress_on, status_date, priority_rank, id);
CREATE INDEX history_by_kind_field_time ON history (kind, field, occurred_at);
